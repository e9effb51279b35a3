import type { server as en } from '../en/server.js';

// 한국어: 노드가 코드로 보낸 문장(정책 사유, 삭제·변경 규칙, 식별자 거부 사유, 오류).
export const server: Record<keyof typeof en, string> = {
  'ptext.TLP_ABOVE_CEILING': '사건 등급 TLP:{tlp}이(가) 이 협력 기관의 상한 TLP:{ceiling}보다 높습니다',
  'ptext.OFFENCE_CATEGORIES_NOT_ALLOWED':
    '사건의 범죄 유형({categories}) 중 이 협력 기관과 공유할 수 있는 것이 없습니다 (허용: {allowed})',
  'ptext.PURPOSE_NOT_ALLOWED': '이 협력 기관에는 {purpose} 목적의 공유가 허용되지 않습니다 (허용: {allowed})',
  'ptext.INTELLIGENCE_ONLY_NOT_FOR_PROSECUTION':
    '사건이 정보 목적으로만 사용하도록 지정되어 있어 기소 목적으로 공유할 수 없습니다',
  'ptext.NO_OUTBOUND_POLICY': '{partner}에 대한 공유 정책이 없습니다: 아무것도 공유할 수 없습니다',
  'ptext.NO_OUTBOUND_POLICY_FOR_REPLY': '{partner}에 대한 공유 정책이 없습니다',
  'ptext.TLP_WITHIN_CEILING': '사건 등급 TLP:{tlp}이(가) 이 협력 기관의 상한 TLP:{ceiling} 이내입니다',
  'ptext.PURPOSE_ALLOWED': '이 협력 기관에는 {purpose} 목적의 공유가 허용됩니다',
  'ptext.OFFENCE_CATEGORIES_SHARED_SOME_WITHHELD': '공유하는 범죄 유형: {shared}; 보류: {withheld}',
  'ptext.OFFENCE_CATEGORIES_SHARED': '공유하는 범죄 유형: {shared}',
  'ptext.ONWARD_SHARING_TO': '협력 기관은 {nodes}에만 전달할 수 있습니다',
  'ptext.ONWARD_SHARING_FORBIDDEN_BY_CASE':
    '사건이 허가 없는 재공유 금지로 지정되어 있어, 정책상 허용되더라도 협력 기관은 전달할 수 없습니다',
  'ptext.ONWARD_SHARING_NOT_ALLOWED': '협력 기관은 재공유할 수 없습니다',
  'ptext.RETENTION': '협력 기관은 {days}일 뒤 삭제해야 합니다',
  'ptext.FIELDS_WITHHELD': '정책 버전 {version}에 따라 {count}개 항목이 보류되거나 변환되었습니다',
  'ptext.REPLY_TO_PACKET': '{partner}의 패킷 {packetId}에 대한 회신',
  'ptext.DATA_CATEGORY_NOT_ALLOWED': '{category} 자료는 허용되지 않습니다',
  'ptext.TRANSFORM': '{field}에 "{transform}" 변환 적용',
  'ptext.OFFENCE_CATEGORY_NOT_ALLOWED': '{category} 유형은 이 협력 기관에 허용되지 않습니다',
  'ptext.REQUEST_TARGET_WITHHELD': '요청 대상 식별자 "{identifier}"이(가) 보류되었습니다',
  'idreason.EMPTY': '값이 비어 있습니다 ({detail})',
  'idreason.TOO_LONG': '너무 깁니다 ({detail})',
  'idreason.WRONG_LENGTH': '길이가 맞지 않습니다 ({detail})',
  'idreason.BAD_CHECKSUM': '체크섬이 맞지 않습니다 ({detail})',
  'idreason.UNKNOWN_PREFIX': '알 수 없는 접두사입니다 ({detail})',
  'idreason.MIXED_CASE': '대소문자가 섞여 있습니다 ({detail})',
  'idreason.INVALID_CHARACTER': '허용되지 않는 문자가 있습니다 ({detail})',
  'idreason.INVALID_FORMAT': '형식이 올바르지 않습니다 ({detail})',
  'idreason.INVALID_PADDING': '패딩이 올바르지 않습니다 ({detail})',
  'idreason.INVALID_WITNESS_VERSION': '위트니스 버전이 올바르지 않습니다 ({detail})',
  'idreason.LEADING_ZEROS': '앞자리에 0이 붙어 있습니다 ({detail})',
  'idreason.OUT_OF_RANGE': '허용 범위를 벗어났습니다 ({detail})',
  'idreason.NOT_E164': '올바른 E.164 전화번호가 아닙니다 ({detail})',
  'idreason.UNSUPPORTED_TYPE': '지원하지 않는 유형입니다 ({detail})',
};
