export const platformStatusQuery = /* GraphQL */ `
  query PlatformStatus {
    platformStatus {
      overall
      checkedAt
      services {
        name
        status
        latencyMs
        url
      }
    }
  }
`;
