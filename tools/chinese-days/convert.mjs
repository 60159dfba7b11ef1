// Converts the npm package chinese-days (MIT, https://github.com/vsme/chinese-days) into the Calendar module's data
// file: mainland China's public holidays and make-up working days (调休) of every year the package holds.
//
//   tools/chinese-days/convert.sh            # fetches the pinned version with `npm pack` and rewrites the data file
//   node tools/chinese-days/convert.mjs <package dir> <version> <output json>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [packageDir, version, output] = process.argv.slice(2);
if (!packageDir || !version || !output) {
  console.error("usage: node convert.mjs <extracted package dir> <version> <output json>");
  process.exit(2);
}

const data = JSON.parse(readFileSync(join(packageDir, "dist", "chinese-days.json"), "utf8"));
// The package writes "English,中文,days"; the calendar shows the Chinese name, as the State Council's notices call it.
const names = { 清明: "清明节", 端午: "端午节", 中秋: "中秋节" };
const days = (map, suffix) => Object.entries(map)
  .map(([date, value]) => {
    const chinese = value.split(",")[1]?.trim() || value;
    return { date, name: (names[chinese] ?? chinese) + suffix };
  })
  .sort((a, b) => a.date.localeCompare(b.date));

const holidays = days(data.holidays, "");
const makeUpWorkdays = days(data.workdays, "调休上班");
const years = [...new Set(holidays.map((d) => d.date.slice(0, 4)))];
const line = (d) => `    { "date": "${d.date}", "name": ${JSON.stringify(d.name)} }`;
const json = `{
  "source": "chinese-days ${version} (npm, MIT licence, https://github.com/vsme/chinese-days), years ${years[0]}–${years.at(-1)}; converted by tools/chinese-days/convert.mjs. Years the State Council has not announced yet are not in it: an admin adds them on the calendar page.",
  "holidays": [
${holidays.map(line).join(",\n")}
  ],
  "makeUpWorkdays": [
${makeUpWorkdays.map(line).join(",\n")}
  ]
}
`;
writeFileSync(output, json);
console.log(`${holidays.length} holidays and ${makeUpWorkdays.length} make-up working days, ${years[0]}–${years.at(-1)} → ${output}`);
