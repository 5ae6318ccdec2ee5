/** l1(yhat, y) = Σ |y − ŷ|, a number. */
import { describeLoss } from "./losses";

describeLoss("l1");
