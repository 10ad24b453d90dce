/** Clusters of similar reports (migration 008). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in with the tables
export interface ClusterTables {}
