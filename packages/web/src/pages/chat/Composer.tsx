import { useId, useState } from 'react';

/** The message box: Enter sends, Shift+Enter starts a new line. */
export function Composer({ onSend, busy }: { onSend: (message: string) => void; busy: boolean }) {
  const [text, setText] = useState('');
  const id = useId();
  const send = () => {
    const message = text.trim();
    if (!message || busy) return;
    onSend(message);
    setText('');
  };
  return (
    <form
      className="chat-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
      <textarea
        id={id}
        rows={2}
        placeholder="Write a message — Enter sends, Shift+Enter for a new line"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          // Not while an input method is composing a character (Enter confirms it there).
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button type="submit" className="primary" disabled={busy || !text.trim()}>
        Send
      </button>
    </form>
  );
}
