// The quality gate's words on the case screen (the findings' own words are in
// common/domain/quality-findings.ts, shared with the main side and the command line).
export const qualityZhTW = {
  title: '授權書品質檢查',
  passed: '品質檢查通過：解析度、清晰度、頁數與客戶身分證字號皆符合',
  open: '尚有 {{n}} 項需重新擷取，或說明理由後才能送主管',
  answer: '說明理由',
  reason: '理由（主管會看到）',
  save: '送出理由',
  cancel: '取消',
  answeredBefore: '已說明理由：',
  answeredAfter: '（{{by}}，{{at}}）',
  forSupervisor: '經辦已對以下檢查結果說明理由，請核對影像後再核准',
};
