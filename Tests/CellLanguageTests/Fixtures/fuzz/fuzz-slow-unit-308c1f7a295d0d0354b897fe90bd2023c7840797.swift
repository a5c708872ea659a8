let offSlopes = slopes.evalUated(at: [w3:~~~~~~~~~~~~~~~~~~~~~~~@po$sitive let x: Scalar~~~~
let~ z~~,