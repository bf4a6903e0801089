<?php
// Installs WordPress into the database of wp-config.php and inserts the posts of posts.json.
// usage: php install.php WP_DIR POSTS_JSON THEME [EXTRAS]
// EXTRAS (comma-separated): comments (a short thread on every fifth post), pages (keep the sample page, add an
// About page; neither is a post).
[$_, $benchWpDir, $benchPostsFile, $benchTheme] = $argv;
$benchExtras = explode(',', $argv[4] ?? '');
$_SERVER['HTTP_HOST'] = 'example.com';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require $benchWpDir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

wp_install('Bench Blog', 'admin', 'admin@example.com', true, '', 'bench-password');
update_option('timezone_string', 'UTC');
update_option('gmt_offset', 0);
update_option('posts_per_page', 10);
update_option('blogdescription', 'Notes on virtualization and kernels');
switch_theme($benchTheme);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');
$keep = in_array('pages', $benchExtras) ? ['post'] : ['post', 'page'];
foreach (get_posts(['post_type' => $keep, 'post_status' => 'any', 'numberposts' => -1]) as $old) {
    wp_delete_post($old->ID, true);
}
if (in_array('pages', $benchExtras)) {
    wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'About', 'post_name' => 'about',
        'post_content' => "<!-- wp:paragraph -->\n<p>I write about kernels, virtual machines and the plumbing between them.</p>\n<!-- /wp:paragraph -->"]);
}
$n = 0;

$uploads = WP_CONTENT_DIR . '/uploads';
foreach (json_decode(file_get_contents($benchPostsFile), true) as $p) {
    $date = gmdate('Y-m-d H:i:s', strtotime($p['date']));
    $cats = array_map(fn($c) => wp_create_category($c), $p['categories']);
    $id = wp_insert_post([
        'post_title' => $p['title'], 'post_name' => $p['slug'], 'post_content' => wp_slash($p['content']),
        'post_status' => 'publish', 'post_date' => $date, 'post_date_gmt' => $date,
        'post_category' => $cats, 'tags_input' => $p['tags'], 'post_author' => 1,
    ], true);
    if (is_wp_error($id)) { fwrite(STDERR, $p['slug'] . ': ' . $id->get_error_message() . "\n"); exit(1); }
    if (in_array('comments', $benchExtras) && $n++ % 5 === 0) {
        $when = gmdate('Y-m-d H:i:s', strtotime($p['date']) + 86400);
        $first = wp_insert_comment(['comment_post_ID' => $id, 'comment_author' => 'Reader One', 'comment_author_email' => 'one@example.org',
            'comment_content' => "Thanks for the write-up. Did you measure the same with huge pages disabled? The numbers look very different on my machine.",
            'comment_approved' => 1, 'comment_date' => $when, 'comment_date_gmt' => $when]);
        wp_insert_comment(['comment_post_ID' => $id, 'comment_author' => 'admin', 'user_id' => 1, 'comment_parent' => $first,
            'comment_content' => "Not yet, that is planned for a follow-up post. Thanks for reading!",
            'comment_approved' => 1, 'comment_date' => $when, 'comment_date_gmt' => $when]);
    }
    foreach ($p['imageFiles'] as $file) {
        $sub = substr($p['date'], 0, 4) . '/' . substr($p['date'], 5, 2);
        wp_mkdir_p("$uploads/$sub");
        $dest = "$uploads/$sub/" . basename($file);
        copy($file, $dest);
        $att = wp_insert_attachment(['post_mime_type' => 'image/png', 'post_title' => basename($file, '.png'),
            'post_status' => 'inherit', 'guid' => "http://example.com/wp-content/uploads/$sub/" . basename($file)], $dest, $id);
        wp_update_attachment_metadata($att, wp_generate_attachment_metadata($att, $dest));
    }
}
$wp_rewrite->flush_rules(false);
echo "inserted\n";
