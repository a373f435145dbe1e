import { describe, expect, it } from 'vitest';
import { actorOf } from '../../src/rules/context.js';

describe('which process made the failing request', () => {
  it('Get-ADSyncScheduler relaying the modal-dialog text is the sync service\'s token request, not PowerShell\'s', () => {
    const text =
      'Get-ADSyncScheduler : System.InvalidOperationException: Showing a modal dialog box or form when the application is not running in UserInteractive mode is not a valid operation. Specify the ServiceNotification or DefaultDesktopOnly style to display a notification from a service application.';
    expect(actorOf({ kind: 'text', source: 'pasted.txt', text }).id).toBe('sync-service');
  });

  it('an Invoke-WebRequest error record is Windows PowerShell', () => {
    const text = 'Invoke-WebRequest : The remote server returned an error: (407) Proxy Authentication Required.\n    + CategoryInfo          : InvalidOperation';
    expect(actorOf({ kind: 'text', source: 'pasted.txt', text }).id).toBe('admin-powershell');
  });

  it('an Event Viewer line of PasswordResetService pasted as text is password writeback', () => {
    const text = 'Error 25.11.2026 10:01:12 PasswordResetService 32002 None TrackingId: 3f369fe9-c121-4450-8661-82b095bdbf0a, Error Connecting to ServiceBus. The token provider was unable to provide a security token.';
    expect(actorOf({ kind: 'text', source: 'pasted.txt', text }).id).toBe('writeback');
  });
});
