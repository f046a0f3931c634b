/** The page side's view of the protocol: types only, so no schema library is pulled into page code. */
export type {
  BackdropChoice,
  MediaVersion,
  PageBackdropReply,
  PageInspectReply,
  PageReadBytesReply,
  PageReplaceReply,
  PageShowReply,
} from '../../messages/page-protocol';
