/** The shape a second locale must have: every key of the Chinese resources, each a string. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
