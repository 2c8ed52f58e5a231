"use client";

import { Component, type ReactNode } from "react";

/** If rendering a note's Markdown fails in the browser, the note is shown as plain text instead of taking the page down. */
export class MarkdownBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
