import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PersonName, personLabel } from "./person-name";

describe("a person's name in history and comments", () => {
  it("always carries the role, so a student named like the instructor reads as a student", () => {
    expect(renderToStaticMarkup(createElement(PersonName, { name: "Ines Instructor", role: "STUDENT" }))).toMatch(/Ines Instructor<\/span>.*Student<\/span>/);
    expect(personLabel("Ines Instructor", "INSTRUCTOR")).toBe("Ines Instructor (Instructor)");
  });
});
