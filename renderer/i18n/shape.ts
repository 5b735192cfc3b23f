/** An English resource must have exactly the keys of its zh-TW original, each a string. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
