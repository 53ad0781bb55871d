// Placeholder until the Action lands.
export {};
