/**
 * The background: for now it only makes the toolbar button open Portier. The message router and
 * the job engine's start-up (alarms, onStartup, onInstalled) are wired here by the engine issue.
 */
interface ChromeSidePanel {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}
interface FirefoxSidebarAction {
  toggle(): Promise<void>;
}

export default defineBackground(() => {
  const api = browser as unknown as { sidePanel?: ChromeSidePanel; sidebarAction?: FirefoxSidebarAction };
  if (api.sidePanel) {
    // Chrome opens the side panel from the toolbar button only when told to.
    void api.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
    return;
  }
  // Firefox: the button toggles the sidebar; MV2 calls the button browserAction.
  const button = browser.action ?? browser.browserAction;
  button?.onClicked.addListener(() => void api.sidebarAction?.toggle());
});
