/** Pure generators that carry our lists to real filters (Exchange Online, Rspamd). */
export * from './powershell-quote';
export * from './exchange-script';
export * from './rspamd-maps';
