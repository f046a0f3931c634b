/** The provider API hosts the extension talks to, declared once for the manifest and the clients. */
export const PROVIDER_HOSTS = {
  hitpaw: 'api-base.hitpaw.com',
  enhancecraft: 'api.enhancecraft.com',
  tensorpix: 'backend.tensorpix.ai',
} as const;

export const PROVIDER_HOST_PERMISSIONS = Object.values(PROVIDER_HOSTS).map((host) => `https://${host}/*`);
