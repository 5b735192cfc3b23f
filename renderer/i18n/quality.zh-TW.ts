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
  scan: {
    title: '掃描授權書',
    none: '此電腦找不到掃描器；可改用檔案匯入',
    device: '掃描器',
    resolution: '解析度',
    dpi: '{{n}} dpi',
    mode: '色彩',
    color: '彩色（保留印章顏色）',
    gray: '灰階',
    source: '來源',
    flatbed: '平台',
    feeder: '自動進紙',
    start: '開始掃描',
    busy: '掃描中，請稍候…',
  },
};
