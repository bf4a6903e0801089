/**
 * The pane of a tabbed block (Docusaurus `<Tabs>`, Bootstrap `.tab-pane`, tab shortcodes of Hugo and
 * Hexo themes). Every pane but the active one is hidden until its tab is clicked, yet each is content:
 * the archive keeps every tab, so neither the clean-up nor the converter drops a hidden pane.
 */
const TAB_PANEL_CLASS = /tab-?pane|tabpanel|tabs?__panel|tab-item/i;

export function isTabPanel(role: string | null | undefined, className: string | null | undefined): boolean {
  return role === 'tabpanel' || (className ?? '').split(/\s+/).some((c) => TAB_PANEL_CLASS.test(c));
}
