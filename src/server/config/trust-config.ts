/**
 * The analyzer's trust settings (core/analysis/trust/settings.ts) from the environment: where
 * mail enters the organisation and which authentication and filter headers are its own.
 * Nothing set means Exchange Online's defaults; see the README, "Evidence and the boundary".
 */
import { parseNetwork } from '../../core/net/addresses';
import type { TrustSettings } from '../../core/analysis/trust/settings';
import { ConfigError, list, type Env } from './env-values';

const FAMILY_ID = /^[a-zA-Z][a-zA-Z0-9]{1,40}$/;

export function trustFromEnv(env: Env): TrustSettings {
  const internalNetworks = list(env, 'SECOND_LOOK_INTERNAL_NETWORKS');
  for (const network of internalNetworks) {
    if (parseNetwork(network) === undefined) {
      throw new ConfigError(`SECOND_LOOK_INTERNAL_NETWORKS lists addresses or CIDR ranges (10.0.0.0/8, 2001:db8::/32), got "${network}"`);
    }
  }
  const boundaryHosts = list(env, 'SECOND_LOOK_BOUNDARY_HOSTS').map((h) => h.toLowerCase());
  for (const host of boundaryHosts) {
    if (!/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host)) {
      throw new ConfigError(`SECOND_LOOK_BOUNDARY_HOSTS lists host names (mx1.contoso.example) or suffixes (.contoso.example), got "${host}"`);
    }
  }
  const filters = list(env, 'SECOND_LOOK_TRUSTED_FILTERS');
  for (const filter of filters) {
    if (!FAMILY_ID.test(filter)) throw new ConfigError(`SECOND_LOOK_TRUSTED_FILTERS lists filter family ids (rspamd, spamAssassin, proofpoint), got "${filter}"`);
  }
  return {
    authservIds: list(env, 'SECOND_LOOK_TRUSTED_AUTHSERV_IDS').map((id) => id.toLowerCase()),
    boundaryHosts,
    internalNetworks,
    arcSealers: list(env, 'SECOND_LOOK_TRUSTED_ARC_SEALERS').map((d) => d.toLowerCase()),
    filters,
  };
}
