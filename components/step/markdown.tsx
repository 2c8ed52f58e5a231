import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";
import { labelTaskItems } from "./label-task-items";

// react-markdown never renders raw HTML, and we allow only http(s)/mailto links: notes cannot inject script.
const safeUrl = (url: string) => (/^(https?:|mailto:|#|\/)/i.test(url) ? url : "");

export function Markdown({ text }: { text: string }) {
  return (
    <div className="prose-note text-sm leading-relaxed text-slate-800">
      <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[labelTaskItems]} urlTransform={safeUrl}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
