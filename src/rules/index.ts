// The registry of finding codes: one import per module in ./codes/. Adding a code = adding its module,
// its test and one line here. Order here is the order `aadsync-diagnose codes` lists them, and within a
// claim band (types.ts CLAIM_BANDS) the order in which record rules may claim a record.
import type { Rule } from './types.js';
import { rule as proxyBypassDns } from './codes/proxy-bypass-dns.js';
import { rule as proxyBypassConnect } from './codes/proxy-bypass-connect.js';
import { rule as proxyAuthRequired } from './codes/proxy-auth-required.js';
import { rule as proxyDenied } from './codes/proxy-denied.js';
import { rule as proxyTlsInterception } from './codes/proxy-tls-interception.js';
import { rule as proxyUnreachable } from './codes/proxy-unreachable.js';
import { rule as proxyNameUnresolved } from './codes/proxy-name-unresolved.js';
import { rule as proxyIdleTimeout } from './codes/proxy-idle-timeout.js';
import { rule as tls12NotEnabled } from './codes/tls12-not-enabled.js';
import { rule as servicebusUnreachable } from './codes/servicebus-unreachable.js';
import { rule as machineConfigInvalid } from './codes/machine-config-invalid.js';
import { rule as networkSendFailure } from './codes/network-send-failure.js';
import { rule as notNetworkConditionalAccess } from './codes/not-network-conditional-access.js';
import { rule as notNetworkCredentials } from './codes/not-network-credentials.js';
import { rule as notNetworkTenant } from './codes/not-network-tenant.js';
import { rule as notNetworkEntraError } from './codes/not-network-entra-error.js';
import { rule as adConnectivity } from './codes/ad-connectivity.js';
import { rule as adRefused } from './codes/ad-refused.js';
import { rule as adsyncAccessDenied } from './codes/adsync-access-denied.js';
import { rule as syncDatabaseError } from './codes/sync-database-error.js';
import { rule as syncDeletionThreshold } from './codes/sync-deletion-threshold.js';
import { rule as syncObjectErrors } from './codes/sync-object-errors.js';
import { rule as notNetworkLocal } from './codes/not-network-local.js';
import { rule as remoteServiceError } from './codes/remote-service-error.js';
import { rule as crlUnreachable } from './codes/crl-unreachable.js';
import { rule as syncInProgress } from './codes/sync-in-progress.js';
import { rule as syncSchedulerSuspended } from './codes/sync-scheduler-suspended.js';
import { rule as stagingMode } from './codes/staging-mode.js';
import { rule as adsyncModuleMissing } from './codes/adsync-module-missing.js';
import { rule as serviceProxyMissing } from './codes/service-proxy-missing.js';
import { rule as machineConfigRestartNeeded } from './codes/machine-config-restart-needed.js';
import { rule as miiserverConfigOverride } from './codes/miiserver-config-override.js';
import { rule as pacNotUsedByService } from './codes/pac-not-used-by-service.js';

export const rules: Rule[] = [
  proxyBypassDns,
  proxyBypassConnect,
  proxyTlsInterception,
  proxyAuthRequired,
  proxyDenied,
  proxyIdleTimeout,
  proxyNameUnresolved,
  proxyUnreachable,
  tls12NotEnabled,
  servicebusUnreachable,
  serviceProxyMissing,
  machineConfigRestartNeeded,
  miiserverConfigOverride,
  pacNotUsedByService,
  machineConfigInvalid,
  networkSendFailure,
  notNetworkConditionalAccess,
  notNetworkCredentials,
  notNetworkTenant,
  notNetworkEntraError,
  adConnectivity,
  adRefused,
  adsyncAccessDenied,
  syncDatabaseError,
  syncDeletionThreshold,
  syncObjectErrors,
  notNetworkLocal,
  remoteServiceError,
  crlUnreachable,
  syncInProgress,
  syncSchedulerSuspended,
  stagingMode,
  adsyncModuleMissing,
];

export function findRule(code: string): Rule | undefined {
  return rules.find((r) => r.meta.code === code);
}
