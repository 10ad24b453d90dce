/**
 * Clusters of similar reports: whose mail a report is (sender.ts), how alike two messages'
 * texts are (fingerprint.ts over normalize.ts and minhash.ts), and which clusters are worth
 * comparing (lsh.ts). Pure functions of strings and decoded facts.
 */
export { fingerprintTokens, htmlToText, EDGE_TOKENS } from './normalize';
export { FINGERPRINT_VERSION, MINHASH_K, SHINGLE_SIZE, agreement, minhashSignature, shingleHashes } from './minhash';
export { SIMILARITY_THRESHOLD, fingerprintText, isSimilar, signatureFromBytes, signatureToBytes, similarity, type Fingerprint } from './fingerprint';
export { BANDS, ROWS_PER_BAND, bandKeys } from './lsh';
export { SHARED_MAILBOX_DOMAINS, clusterSenderOf, type ClusterSender, type SenderBasis } from './sender';
export { chooseCluster, type ClusterCandidate, type ClusterChoice } from './rule';
