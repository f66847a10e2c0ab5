/** How an AWS App Connection reaches the account. Zod-free, so the dashboard's route tree can use it. */
export const APP_CONNECTION_METHODS = ["assume-role", "access-key"] as const;
