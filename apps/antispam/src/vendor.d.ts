// Types of the two untyped libraries the scorer uses.

declare module 'disposable-email-domains' {
  /** Throw-away mail domains (a maintained list, updated with the package). */
  const domains: string[];
  export = domains;
}

declare module 'wink-naive-bayes-text-classifier' {
  interface NaiveBayesTextClassifier {
    defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: ((input: unknown) => unknown)[]): number;
    learn(input: string[], label: string): boolean;
    consolidate(): boolean;
    /** `[label, log2 odds]` pairs, most likely first; `[['unknown', 0]]` when no token is known. */
    computeOdds(input: string[]): [string, number][];
    exportJSON(): string;
    importJSON(json: string): boolean;
  }
  function naiveBayesTextClassifier(): NaiveBayesTextClassifier;
  export = naiveBayesTextClassifier;
}
