import { graphql } from '../../gql';

export const platformStatusQuery = graphql(/* GraphQL */ `
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
`);
