// opencc-js ships its dictionaries as modules of one string ("a b|c d …") without declarations.
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
