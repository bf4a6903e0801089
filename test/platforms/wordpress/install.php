<?php
// Installs WordPress into the database of the test site's wp-config.php and prints the admin's application
// password as JSON. usage: php install.php WP_DIR
$_SERVER['HTTP_HOST'] = parse_url(getenv('BV_WP_HOME'), PHP_URL_HOST) . ':' . parse_url(getenv('BV_WP_HOME'), PHP_URL_PORT);
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$result = wp_install('Migrated Blog', 'admin', 'admin@example.com', true, '', wp_generate_password(24));
update_option('timezone_string', 'UTC');
update_option('posts_per_page', 5);
switch_theme('twentytwentyone');
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');
$wp_rewrite->flush_rules(false);
// A fresh site's sample post and page are not the migrated blog's.
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $old) {
    wp_delete_post($old->ID, true);
}
[$password] = WP_Application_Passwords::create_new_application_password($result['user_id'], ['name' => 'blogvault test']);
echo json_encode(['user' => 'admin', 'password' => $password]), "\n";
