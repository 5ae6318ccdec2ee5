/** l2(yhat, y) = Σ (y − ŷ)², a number. */
import { describeLoss } from "./losses";

describeLoss("l2");
