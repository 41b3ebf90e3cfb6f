import { ClearOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useEffect, useRef } from 'react';

const HEIGHT = 160;

/**
 * A signature pad: the signer writes on the canvas with a finger, a pen or the mouse (Pointer Events, so
 * each works the same), and the drawing is the field's value as a PNG in base64 (no `data:` prefix), as
 * the written-records API takes it; clearing empties the value. Plain canvas: no library to install.
 * A form control (value / onChange) for antd's Form.Item.
 */
export function SignaturePad(props: {
  value?: string;
  onChange?: (png: string | undefined) => void;
  /** Who signs here, for screen readers and the test: 当事人签名, 执法人员签名（张伟）. */
  label: string;
  id?: string;
  'data-testid'?: string;
}) {
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef<{ id: number; x: number; y: number } | null>(null);
  const { value, onChange } = props;

  // The canvas's pixels follow its CSS width and the screen's density, so strokes stay sharp on a tablet.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ratio = window.devicePixelRatio || 1;
    c.width = Math.round(c.clientWidth * ratio);
    c.height = Math.round(HEIGHT * ratio);
    const ctx = c.getContext('2d');
    ctx?.scale(ratio, ratio);
    // Shown again (the form kept the value while the pad was hidden): the signature is drawn back.
    if (value && ctx) {
      const image = new Image();
      image.onload = () => ctx.drawImage(image, 0, 0, c.clientWidth, HEIGHT);
      image.src = `data:image/png;base64,${value}`;
    }
  }, []);

  // A value cleared from outside (the form reset) clears the drawing.
  useEffect(() => {
    const c = canvas.current;
    if (c && !value) c.getContext('2d')?.clearRect(0, 0, c.width, c.height);
  }, [value]);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };

  const line = (to: { x: number; y: number }, pressure: number) => {
    const ctx = canvas.current?.getContext('2d');
    const from = drawing.current;
    if (!ctx || !from) return;
    ctx.strokeStyle = '#000';
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    // A pen reports its pressure; a mouse reports 0.5 while pressed.
    ctx.lineWidth = 1.5 + 2.5 * (pressure || 0.5);
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + (to.x === from.x && to.y === from.y ? 0.1 : 0), to.y);
    ctx.stroke();
    drawing.current = { ...from, ...to };
  };

  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    // Strokes that leave the pad still end on it; a pointer the browser no longer tracks cannot be captured.
    try {
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      /* drawn without capture */
    }
    drawing.current = { id: e.pointerId, ...point(e) };
    line(point(e), e.pressure);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current?.id !== e.pointerId) return;
    e.preventDefault();
    const native = e.nativeEvent;
    const events = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    const box = e.currentTarget.getBoundingClientRect();
    if (events.length === 0) line(point(e), e.pressure);
    for (const c of events) line({ x: c.clientX - box.left, y: c.clientY - box.top }, c.pressure);
  };
  const up = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (drawing.current?.id !== e.pointerId) return;
    drawing.current = null;
    const png = canvas.current?.toDataURL('image/png').split(',')[1];
    onChange?.(png);
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    onChange?.(undefined);
  };

  return (
    <Flex vertical gap={4}>
      <canvas
        ref={canvas}
        id={props.id}
        role="img"
        aria-label={props.label}
        data-testid={props['data-testid']}
        data-signed={value ? 'true' : 'false'}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        style={{
          width: '100%',
          height: HEIGHT,
          border: '1px dashed #bfbfbf',
          borderRadius: 6,
          background: '#fff',
          touchAction: 'none',
          cursor: 'crosshair',
        }}
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {value ? '已签名' : '请在框内用手指、触控笔或鼠标签名'}
        </Typography.Text>
        <Button size="small" icon={<ClearOutlined />} onClick={clear} disabled={!value}>
          清除
        </Button>
      </Flex>
    </Flex>
  );
}
