// The library's internal jsbn BigInteger, imported only by tests that compare our shim with it.
declare module 'amazon-cognito-identity-js/es/BigInteger.js' {
  const BigInteger: unknown;
  export default BigInteger;
}
