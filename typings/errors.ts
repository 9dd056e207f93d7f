// The table lives in the mini-program so DevTools can load it there; see its header.
export * from '../miniprogram/shared/error-codes';
