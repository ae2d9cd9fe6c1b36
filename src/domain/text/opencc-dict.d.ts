// Types for the one OpenCC dictionary read directly (the package ships no declarations for its dicts).
declare module 'opencc-js/dict/TSCharacters' {
  /** "trad simp|trad simp|...": traditional characters and their simplified forms. */
  const dict: string;
  export default dict;
}

declare module 'opencc-js/dict/HKVariantsRev' {
  /** "hk std|hk std|...": Hong Kong variant forms and the standard traditional forms. */
  const dict: string;
  export default dict;
}
