/**
 * A translated sentence that names a command-line flag as `<flag>--receipt</flag>`: the flag is
 * set apart left to right, so that right-to-left text never turns it into `receipt--`.
 */
export function WithFlags({ text }: { text: string }) {
  return (
    <>
      {text.split(/<flag>(.*?)<\/flag>/u).map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} dir="ltr">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
