import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** Model text as Markdown. Raw HTML in it is shown as text, never rendered (model output is untrusted). */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}
