// The fault mechanism is shared by every provider module; it lives in core/.
export { FaultQueue, type Fault } from '../core/faults';
