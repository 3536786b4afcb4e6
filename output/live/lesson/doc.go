// Package lesson holds the lesson plans of docs/teaching.md as steps a
// teacher takes on the classroom page, and follows them on a classroom
// backend to write what the plans quote: every number, ticker line and
// comparison is read from the panes, never typed, so a change to the model
// rewrites the plans (`make docs`) instead of leaving them wrong.
//
// # Plans, steps and figures
//
// [Plans] lists the plans. [Follow] runs one on a [live.Class] (the
// classroom's own session code, without a page) and returns a [Result]:
// the Markdown of each generated block of the document, keyed by the
// block's marker, the [Step]s taken, in order, and the [Figure]s quoted,
// each with the step after which it is read. A browser test takes the same
// steps with clicks and checks the page shows the same figures.
//
// # Effects a class can see
//
// A plan's point rests on comparisons ("vote buying in the left pane
// rises from 6% to 11%"); each is an [Effect] with the smallest change a
// class would notice. [Result.Unseen] lists those that fell short, so a
// test can fail when a model change leaves a lesson without its point.
package lesson
