import { uuidv7 } from 'uuidv7';

/** Row ids are UUIDv7: time-ordered, so indexes stay compact and ids sort by creation. */
export const newId = (): string => uuidv7();
