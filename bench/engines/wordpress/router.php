<?php
// php -S router. Through a proxy the request line holds an absolute URL: keep only path and query, as a web
// server would. Existing files are served as they are, everything else goes to WordPress (pretty permalinks).
$_SERVER['REQUEST_URI'] = preg_replace('#^https?://[^/]+#', '', $_SERVER['REQUEST_URI']);
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = __DIR__ . $path;
if ($path !== '/' && is_file($file) && !str_ends_with($path, '.php')) {
    $types = ['css' => 'text/css', 'js' => 'text/javascript', 'png' => 'image/png', 'svg' => 'image/svg+xml', 'woff2' => 'font/woff2'];
    $ext = pathinfo($file, PATHINFO_EXTENSION);
    header('Content-Type: ' . ($types[$ext] ?? 'application/octet-stream'));
    readfile($file);
    return true;
}
if (str_ends_with($path, '.php') && is_file($file)) { require $file; return true; }
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
require __DIR__ . '/index.php';
