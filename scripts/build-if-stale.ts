/** Before `npm start` and `npm run worker`: builds when the build is missing or older than the sources. */
import { ensureProductionBuild } from "../server/build";

ensureProductionBuild();
