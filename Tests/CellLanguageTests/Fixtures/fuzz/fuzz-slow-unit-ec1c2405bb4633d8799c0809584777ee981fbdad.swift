p[etx<2, 3>
l W:do Matrix<2, 3>
let bia{: VJ[1, 2]
