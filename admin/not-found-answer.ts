import { NotFoundError } from "adminjs";
import type { ErrorRequestHandler } from "express";

/**
 * AdminJS throws NotFoundError outside any action when none of a bulk action's ids can be reached (e.g. all of
 * another municipality): answer it as a 404 with a Dutch notice, like a record that is not found.
 */
export const notFoundAnswer: ErrorRequestHandler = (error, _req, res, next) => {
  if (!(error instanceof NotFoundError) || res.headersSent) return next(error);
  res.status(404).json({ records: [], notice: { type: "error", message: "Deze records werden niet gevonden, of u mag ze niet bekijken." } });
};
