// The shape of the data JCIC returns, per product, validated when it arrives. T51 and T52 field
// layouts are not published (domain.md): these are inferences, kept here alone so they are easy to change.
import * as z from '../zod';

const Money = z.number().int();
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const IncomeRecord = z.object({
  formatCode: z.string(),
  payerName: z.string(),
  payerBusinessNumber: z.string(),
  grossAmount: Money,
  incomeAmount: Money,
  necessaryExpenses: Money,
  taxWithheld: Money,
  /** ROC year */
  taxYear: z.number().int(),
});
export const T50Data = z.object({ taxYear: z.number().int(), records: z.array(IncomeRecord) });

export const T51Data = z.object({
  land: z.array(
    z.object({
      location: z.string(),
      lotNumber: z.string(),
      areaSqm: z.number(),
      share: z.string(),
      assessedValue: Money,
    }),
  ),
  buildings: z.array(z.object({ address: z.string(), areaSqm: z.number(), share: z.string(), assessedValue: Money })),
  vehicles: z.array(z.object({ plate: z.string(), kind: z.string(), make: z.string(), year: z.number().int() })),
  investments: z.array(
    z.object({ company: z.string(), businessNumber: z.string(), shares: z.number().int(), parValue: z.number() }),
  ),
});

export const T52Data = z.object({
  periods: z.array(
    z.object({
      employerName: z.string(),
      employerBusinessNumber: z.string(),
      insuredSalary: Money,
      enrolledOn: IsoDay,
      withdrawnOn: IsoDay.nullable(),
    }),
  ),
});

export const ProductResults = z.object({ T50: T50Data.optional(), T51: T51Data.optional(), T52: T52Data.optional() });
export type T50Data = z.infer<typeof T50Data>;
export type T51Data = z.infer<typeof T51Data>;
export type T52Data = z.infer<typeof T52Data>;
export type ProductResults = z.infer<typeof ProductResults>;
