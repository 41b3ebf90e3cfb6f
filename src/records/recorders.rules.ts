/**
 * AV devices (S-8.2, issue 3 item 8): body-worn recorders and other devices are registered, issued to
 * officers and returned, so every recording can be traced to its device and the officer who carried it
 * (GA/T 947-2015, the management of body-worn recorders). Pure: statuses in, the problem out.
 */

export const recorderKinds = ['body_camera', 'camera', 'audio_recorder', 'phone', 'other'] as const;
export type RecorderKind = (typeof recorderKinds)[number];
export const recorderKindLabels: Readonly<Record<RecorderKind, string>> = {
  body_camera: '执法记录仪',
  camera: '照相机、摄像机',
  audio_recorder: '录音设备',
  phone: '移动执法终端',
  other: '其他音像记录设备',
};

export const recorderStatuses = ['in_service', 'under_repair', 'lost', 'retired'] as const;
export type RecorderStatus = (typeof recorderStatuses)[number];
export const recorderStatusLabels: Readonly<Record<RecorderStatus, string>> = {
  in_service: '在用',
  under_repair: '维修中',
  lost: '遗失',
  retired: '报废',
};

/** Why the device may not move from one status to another, or null. Retirement is final. */
export function statusChangeProblem(
  from: RecorderStatus,
  to: RecorderStatus,
  onLoan: boolean,
): string | null {
  if (from === to) return null;
  if (from === 'retired') return '设备已报废，状态不能再变更';
  // A device lost in the field is lost while issued; anything else waits until it is returned.
  if (onLoan && to !== 'lost') return '设备尚未归还，请先办理归还';
  return null;
}

/** Why the device may not be issued now, or null. */
export function checkOutProblem(status: RecorderStatus, onLoan: boolean): string | null {
  if (onLoan) return '设备已领用，尚未归还';
  if (status !== 'in_service') return `设备状态为“${recorderStatusLabels[status]}”，不能领用`;
  return null;
}
