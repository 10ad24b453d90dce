/**
 * Where "now" comes from. Everything that needs the time is handed a Clock, so the server runs
 * on the system clock (see server/app.ts) and tests on a fixed one that they move by hand.
 */
export interface Clock {
  now(): Date;
}
