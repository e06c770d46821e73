export { hashPassphrase, verifyPassphrase, isPassphraseHash, SCRYPT_COST, type PassphraseHash } from './passphrase';
export { createAdminSession, ADMIN_IDLE_LOCK_MS, type AdminSession, type AdminIdentity } from './session';
export { checkServerAdmin, withLogin, type ServerAdminCheck } from './server-role';
