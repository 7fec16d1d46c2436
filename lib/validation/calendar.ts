import { token } from "./fields";

/** The feed's secret, as a share link's token. */
export const FeedToken = token;
