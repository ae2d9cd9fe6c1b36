// Personal accounts: people log in with an account name and password (API keys stay for machines).
// The shapes of the session API (/v1/session) and the operators' account API (/v1/admin/accounts).
import { z } from 'zod';

/** The roles a person can hold; `source` stays a machine's role (API keys only). */
export const AccountRole = z.enum(['station', 'dispatcher', 'auditor', 'supervisor', 'admin']);
export type AccountRole = z.infer<typeof AccountRole>;

export const AccountId = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"')
  .describe('The account name a person logs in with');

export const ScopeCode = z
  .string()
  .regex(/^\d{6}(\d{3})?$/, 'a 6-digit district or 9-digit street code');

/** Passwords of real accounts; demo accounts (outside production only) use the published one. */
export const MIN_PASSWORD_LENGTH = 10;
export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256);

export const LoginRequest = z.object({
  account: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionAccount = z.object({
  id: z.string(),
  name: z.string(),
  role: AccountRole,
  stationId: z.string().optional(),
  stationName: z.string().optional(),
  scope: z.string().optional(),
  scopeName: z
    .string()
    .optional()
    .describe('The scope as people name it (北京市东城区); the code stays in `scope`'),
});
export type SessionAccount = z.infer<typeof SessionAccount>;

export const HomePage = z.enum(['/station', '/dispatch', '/audit', '/supervision', '/admin']);
export type HomePage = z.infer<typeof HomePage>;

export const SessionView = z.object({
  account: SessionAccount,
  csrfToken: z
    .string()
    .describe('Send it as the x-csrf-token header with every POST/PUT/PATCH/DELETE'),
  home: HomePage.describe("The page of the account's role"),
});
export type SessionView = z.infer<typeof SessionView>;

export const AccountView = SessionAccount.extend({
  disabled: z.boolean(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountView = z.infer<typeof AccountView>;

export const CreateAccountRequest = z
  .object({
    id: AccountId,
    name: z.string().trim().min(1).max(64),
    role: AccountRole,
    stationId: z.string().min(1).max(64).optional().describe('Station accounts: their station'),
    scope: ScopeCode.optional().describe(
      'Auditors (optional) and supervisors (required): the district or street they see',
    ),
    password: Password.optional().describe('Absent: a password is generated and returned once'),
  })
  .strict();
export type CreateAccountRequest = z.infer<typeof CreateAccountRequest>;

export const PatchAccountRequest = z.object({ disabled: z.boolean() }).strict();
export type PatchAccountRequest = z.infer<typeof PatchAccountRequest>;

export const ResetPasswordRequest = z
  .object({
    password: Password.optional().describe('Absent: a password is generated and returned once'),
  })
  .strict();
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

export const AccountWithPassword = z.object({
  account: AccountView,
  password: z
    .string()
    .optional()
    .describe('Only when the gateway generated it; shown this once, never stored in clear'),
});
export type AccountWithPassword = z.infer<typeof AccountWithPassword>;
