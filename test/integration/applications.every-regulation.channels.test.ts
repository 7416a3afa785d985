// Every regulation of the sources, through each of its channels, to a result and to a refusal
// (the walk and its assertions: test/support/every-channel.ts).
import { describeEveryChannel } from '../support/every-channel.js';
import { regulationCatalog } from '../support/applications.js';

describeEveryChannel('every regulation through every channel', () => regulationCatalog());
