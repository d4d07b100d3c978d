import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('BridgeStatus', { description: 'Connection state of the ProfitDLL bridge' })
export class BridgeStatusType {
  @Field({ description: 'Login channel: PENDING, CONNECTED or FAILED' })
  login!: string;

  @Field()
  activation!: string;

  @Field({ description: 'Market-data channel, CONNECTED when trades flow' })
  marketData!: string;

  @Field()
  routing!: string;

  @Field({ description: 'SIMULATOR or the path of the real DLL' })
  library!: string;

  @Field(() => Int)
  tradesReceived!: number;

  @Field(() => Int)
  tradesPublished!: number;

  @Field(() => [String], { description: 'SYMBOL:EXCHANGE pairs subscribed' })
  subscriptions!: string[];
}
