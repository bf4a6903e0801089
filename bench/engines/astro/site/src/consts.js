export const SITE_TITLE = 'Bench Blog';
export const SITE_DESCRIPTION = 'Welcome to my website!';
