<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Dialog</name>
    <message>
        <source>The race stopped</source>
        <translation>竞赛已停止</translation>
    </message>
    <message>
        <source>Cannot open this scenario</source>
        <translation>无法打开此场景</translation>
    </message>
    <message>
        <source>Cannot save this scenario</source>
        <translation>无法保存此场景</translation>
    </message>
    <message>
        <source>This surface came from the Explorer and has no formula to save.</source>
        <translation>此曲面来自“探索器”，没有可保存的公式。</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>GradLab scenario (*.json)</source>
        <translation>GradLab 场景 (*.json)</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>{path} already exists. Replace it?</source>
        <translation>{path} 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Qt could not write the image</source>
        <translation>Qt 无法写入该图像</translation>
    </message>
</context>
<context>
    <name>ExplorerActivations</name>
    <message>
        <source>Activation functions</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Shade where f&apos; ≈ 0 (|f&apos;| &lt; {limit})</source>
        <translation>标出 f&apos; ≈ 0 的区域（|f&apos;| &lt; {limit}）</translation>
    </message>
    <message>
        <source>Each shown function shades its own band of the f&apos; plot, in legend order. Light fill: saturated, the gradient is nearly 0. Hatched: dead, exactly 0. Backprop multiplies by f&apos;(z) at every layer (δ = Wᵀδ ⊙ f&apos;(z)), so a unit sitting there learns slowly or not at all.</source>
        <translation>每个显示的函数在 f&apos; 图中各占一条横带，顺序与图例相同。浅色填充：饱和区，梯度接近 0。斜线阴影：死区，梯度恰好为 0。反向传播在每一层都要乘以 f&apos;(z)（δ = Wᵀδ ⊙ f&apos;(z)），所以落在这些区域的神经元学得很慢，甚至完全学不动。</translation>
    </message>
    <message>
        <source>Activation  f(x)</source>
        <translation>激活函数  f(x)</translation>
    </message>
    <message>
        <source>Derivative  f&apos;(x)</source>
        <translation>导数  f&apos;(x)</translation>
    </message>
    <message>
        <source>Hover over a plot to read x, f(x), f&apos;(x).</source>
        <translation>把鼠标停在图上，即可读出 x、f(x) 和 f&apos;(x) 的值。</translation>
    </message>
    <message>
        <source>{name}: dead (f&apos; = 0)</source>
        <translation>{name}：死区（f&apos; = 0）</translation>
    </message>
    <message>
        <source>{name}: saturated (|f&apos;| &lt; {limit})</source>
        <translation>{name}：饱和区（|f&apos;| &lt; {limit}）</translation>
    </message>
    <message>
        <source>{name}: f = {f}, f′ = {df}</source>
        <translation>{name}：f = {f}，f′ = {df}</translation>
    </message>
</context>
<context>
    <name>ExplorerGradcheck</name>
    <message>
        <source>No bug: the textbook equations</source>
        <translation>没有错误：教科书上的公式</translation>
    </message>
    <message>
        <source>Forgot ⊙ f′(z⁽ˡ⁾) in δ⁽ˡ⁾</source>
        <translation>δ⁽ˡ⁾ 中漏乘了 ⊙ f′(z⁽ˡ⁾)</translation>
    </message>
    <message>
        <source>∂C/∂b = mean of δ instead of sum</source>
        <translation>∂C/∂b 对 δ 取了平均，而不是求和</translation>
    </message>
    <message>
        <source>∂C/∂W = a δᵀ reshaped, not δ aᵀ</source>
        <translation>∂C/∂W 用 a δᵀ 变形得到，而不是 δ aᵀ</translation>
    </message>
    <message>
        <source>number of outputs</source>
        <translation>输出的个数</translation>
    </message>
    <message>
        <source>Forward, layer by layer:
  z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾
  a⁽ˡ⁾ = f(z⁽ˡ⁾)  (output layer L: linear)
Backward, from the output:
  {output_delta}
  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾)
  ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ
  ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾
  (both averaged over the samples i)
Check each entry θₖ:
  ĝₖ = [C(θ + εeₖ) − C(θ − εeₖ)] / 2ε
  error = ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)</source>
        <translation>前向传播，逐层计算：
  z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾
  a⁽ˡ⁾ = f(z⁽ˡ⁾)（输出层 L 为线性）
反向传播，从输出层开始：
  {output_delta}
  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾)
  ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ
  ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾
  （两者都对样本 i 取平均）
逐个检验每个分量 θₖ：
  ĝₖ = [C(θ + εeₖ) − C(θ − εeₖ)] / 2ε
  误差 = ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)</translation>
    </message>
    <message>
        <source>Hand-written backpropagation</source>
        <translation>手写的反向传播</translation>
    </message>
    <message>
        <source>A {sizes} network on {samples} random samples, in float64. Its gradient from backprop is compared with finite differences, entry by entry.</source>
        <translation>一个 {sizes} 的网络，在 {samples} 个随机样本上用 64 位浮点数计算。把反向传播求出的梯度与有限差分逐个分量地比较。</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Plant a bug</source>
        <translation>植入错误</translation>
    </message>
    <message>
        <source>Check my gradients</source>
        <translation>检验梯度</translation>
    </message>
    <message>
        <source>Every entry: finite difference ĝₖ against backprop gₖ</source>
        <translation>每个分量：有限差分 ĝₖ 对比反向传播 gₖ</translation>
    </message>
    <message>
        <source>finite difference ĝₖ</source>
        <translation>有限差分 ĝₖ</translation>
    </message>
    <message>
        <source>backprop gₖ</source>
        <translation>反向传播 gₖ</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;{button}&lt;/b&gt;.</source>
        <translation>请点击 &lt;b&gt;{button}&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>✔ backprop agrees with finite differences</source>
        <translation>✔ 反向传播与有限差分一致</translation>
    </message>
    <message>
        <source>✘ backprop is wrong somewhere</source>
        <translation>✘ 反向传播有地方算错了</translation>
    </message>
    <message>
        <source>Relative error &lt;b&gt;{error}&lt;/b&gt; over {n} parameters (tolerance {tolerance})</source>
        <translation>{n} 个参数的相对误差为 &lt;b&gt;{error}&lt;/b&gt;（容差 {tolerance}）</translation>
    </message>
</context>
<context>
    <name>ExplorerLosses</name>
    <message>
        <source>∂L/∂zₜ  (what backprop sends)</source>
        <translation>∂L/∂zₜ（反向传播传回的梯度）</translation>
    </message>
    <message>
        <source>One sample of true class t</source>
        <translation>真实类别为 t 的一个样本</translation>
    </message>
    <message>
        <source>The model gives the true class probability p; the other classes share 1 − p evenly. The curves are the loss of that one sample as p goes from wrong (0) to right (1).</source>
        <translation>模型给真实类别的概率为 p，其余类别平分 1 − p。曲线画的是这一个样本的损失，p 从完全错误（0）变到完全正确（1）。</translation>
    </message>
    <message>
        <source>Lower plot</source>
        <translation>下方的图</translation>
    </message>
    <message>
        <source>Loss of the sample</source>
        <translation>该样本的损失</translation>
    </message>
    <message>
        <source>p = predicted probability of the true class</source>
        <translation>p = 真实类别的预测概率</translation>
    </message>
    <message>
        <source>{loss}, {n} classes</source>
        <translation>{loss}，{n} 个类别</translation>
    </message>
    <message>
        <source>{loss}, wₜ = {w}</source>
        <translation>{loss}，wₜ = {w}</translation>
    </message>
    <message>
        <source>{loss}, γ = {gamma}, α = {alpha}</source>
        <translation>{loss}，γ = {gamma}，α = {alpha}</translation>
    </message>
    <message>
        <source>Slope  {slope}</source>
        <translation>斜率  {slope}</translation>
    </message>
    <message>
        <source>confident and wrong (p = {p}):
MSE {mse}, CE {ce}</source>
        <translation>很有把握地答错（p = {p}）：
均方误差 {mse}，交叉熵 {ce}</translation>
    </message>
    <message>
        <source>easy sample:
focal is {ratio} × CE</source>
        <translation>易分样本：
焦点损失 = {ratio} × 交叉熵</translation>
    </message>
    <message>
        <source>&lt;b&gt;Confident and wrong&lt;/b&gt; (p = {p}): backprop sends ∂L/∂zₜ = {d_ce} for cross-entropy (p − 1) but only {d_mse} for MSE on softmax. Its slope is multiplied by the softmax&apos;s p(1 − p), which vanishes as p → 0, so the sample that most needs fixing barely moves.</source>
        <translation>&lt;b&gt;很有把握地答错&lt;/b&gt;（p = {p}）：对交叉熵，反向传播传回 ∂L/∂zₜ = {d_ce}（即 p − 1）；对 Softmax 输出的均方误差却只有 {d_mse}。后者的斜率要乘上 Softmax 的 p(1 − p)，而 p → 0 时这个因子趋于 0，于是最需要纠正的样本几乎不动。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Easy&lt;/b&gt; (p = {p}): focal loss multiplies cross-entropy by α(1 − p)ᵞ = {ratio} (γ = {gamma}): {l_focal} instead of {l_ce}. Easy samples stop contributing, hard ones dominate the gradient. With γ = 0 and α = 1 focal loss is exactly cross-entropy.</source>
        <translation>&lt;b&gt;易分样本&lt;/b&gt;（p = {p}）：焦点损失把交叉熵乘以 α(1 − p)ᵞ = {ratio}（γ = {gamma}），得到 {l_focal}，而不是 {l_ce}。易分样本几乎不再起作用，梯度由难分样本主导。当 γ = 0 且 α = 1 时，焦点损失就是交叉熵。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Weighted&lt;/b&gt;: the class weight wₜ scales this sample&apos;s loss and gradient (wₜ = {w}) against classes of weight 1.</source>
        <translation>&lt;b&gt;加权&lt;/b&gt;：类别权重 wₜ（此处 wₜ = {w}）把这个样本的损失和梯度按比例放大或缩小，权重为 1 的类别则保持不变。</translation>
    </message>
</context>
<context>
    <name>ExplorerSurface</name>
    <message>
        <source>MSE on sigmoid</source>
        <translation>Sigmoid 输出的均方误差</translation>
    </message>
    <message>
        <source>Not convex, with plateaus: σ′(s) = p(1 − p) vanishes wherever the model is confidently right or confidently wrong, and so does the gradient. From the start (−4, 3), the weight&apos;s sign wrong, SGD and Momentum barely move, while RMSprop and Adam, which divide by the gradient&apos;s size, reach the minimum.</source>
        <translation>非凸，而且有平台：只要模型很有把握地答对或答错，σ′(s) = p(1 − p) 就趋于 0，梯度也随之消失。从起点 (−4, 3) 出发（权重的符号是错的），SGD 和动量法几乎不动；RMSprop 和 Adam 会除以梯度的大小，因而能到达最小值。</translation>
    </message>
    <message>
        <source>Convex: one valley, and the gradient (p − t) x stays large exactly where the model is confidently wrong: from the same start as on MSE, |∇L| is over 100 times larger and SGD gets moving.</source>
        <translation>凸函数：只有一个山谷，而且恰恰在模型很有把握却答错的地方，梯度 (p − t) x 仍然很大：从与均方误差相同的起点出发，|∇L| 要大 100 多倍，SGD 也就动起来了。</translation>
    </message>
    <message>
        <source>Cross-entropy with each point scaled by (1 − qᵢ)ᵞ: points the model already gets right stop pulling, so the minimum sits at a smaller weight (w ≈ 0.45, against 1.12 for cross-entropy): a less confident model.</source>
        <translation>在交叉熵的基础上，每个点再乘以 (1 − qᵢ)ᵞ：模型已经判对的点不再拉动参数，所以最小值落在更小的权重处（w ≈ 0.45，交叉熵为 1.12）：得到一个不那么自信的模型。</translation>
    </message>
    <message>
        <source>Logistic regression  p = σ(w x + b)</source>
        <translation>逻辑回归  p = σ(w x + b)</translation>
    </message>
    <message>
        <source>Two parameters, so the loss is a surface you can see. Pick the loss; click the surface to try a (w, b).</source>
        <translation>只有两个参数，所以损失是一个看得见的曲面。选一个损失函数；点击曲面，试试某一组 (w, b)。</translation>
    </message>
    <message>
        <source>focal γ</source>
        <translation>焦点损失 γ</translation>
    </message>
    <message>
        <source>Race on this surface</source>
        <translation>在这个曲面上竞赛</translation>
    </message>
    <message>
        <source>Open this loss surface in the optimizer race, starting at the red point</source>
        <translation>在优化器竞赛中打开这个损失曲面，从红点出发</translation>
    </message>
    <message>
        <source>Data (dots) and the model σ(w x + b)</source>
        <translation>数据（圆点）与模型 σ(w x + b)</translation>
    </message>
    <message>
        <source>w (weight)</source>
        <translation>w（权重）</translation>
    </message>
    <message>
        <source>b (bias)</source>
        <translation>b（偏置）</translation>
    </message>
    <message>
        <source>Minimum (white star): w = {w}, b = {b}.</source>
        <translation>最小值（白色星标）：w = {w}，b = {b}。</translation>
    </message>
    <message>
        <source>At w = {w}, b = {b}:  L = {value}</source>
        <translation>在 w = {w}，b = {b} 处：L = {value}</translation>
    </message>
</context>
<context>
    <name>ExplorerTab</name>
    <message>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Loss surface of a model</source>
        <translation>模型的损失曲面</translation>
    </message>
    <message>
        <source>Check my gradients</source>
        <translation>梯度检验</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>&lt;p&gt;Several optimizers descend the same 2-D surface f(x, y) from the same start.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Pick a surface (or type a formula in x and y and press Enter), or open a teaching scenario from the &lt;b&gt;Scenarios&lt;/b&gt; menu: the right-hand panel says what to watch for.&lt;/li&gt;&lt;li&gt;Click or drag the ✛ on the surface to move the start.&lt;/li&gt;&lt;li&gt;Add, remove and tune optimizers on the left (learning rate η, momentum, β₁, β₂, ε); untick a card to hide its path.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Space&lt;/b&gt; runs and pauses, &lt;b&gt;Right&lt;/b&gt; steps once, &lt;b&gt;Left&lt;/b&gt; steps back through the recorded history, &lt;b&gt;R&lt;/b&gt; resets to step 0 (not while typing in a field). The slider scrubs through the history.&lt;/li&gt;&lt;li&gt;The table and the curves give each racer&apos;s f, |∇f| and distance; &lt;b&gt;File → Export&lt;/b&gt; saves the view or the trajectories.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;几个优化器从同一起点出发，沿同一个二维曲面 f(x, y) 下降。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;选择一个曲面（或输入一个关于 x 和 y 的公式并按回车），或从&lt;b&gt;场景&lt;/b&gt;菜单打开一个教学场景：右侧面板会告诉你要注意观察什么。&lt;/li&gt;&lt;li&gt;在曲面上点击或拖动 ✛ 来移动起点。&lt;/li&gt;&lt;li&gt;在左侧添加、删除和调节优化器（学习率 η、动量、β₁、β₂、ε）；取消勾选一张卡片即可隐藏它的路径。&lt;/li&gt;&lt;li&gt;&lt;b&gt;空格键&lt;/b&gt;运行和暂停，&lt;b&gt;右方向键&lt;/b&gt;前进一步，&lt;b&gt;左方向键&lt;/b&gt;在记录下的历史中后退一步，&lt;b&gt;R&lt;/b&gt; 键重置到第 0 步（在输入框中打字时无效）。拖动滑块可以在历史中来回查看。&lt;/li&gt;&lt;li&gt;表格和曲线给出每个参赛者的 f、|∇f| 和距离；&lt;b&gt;文件 → 导出&lt;/b&gt;可保存视图或轨迹。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Train the same small network on handwritten digits with different settings and compare the runs.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Point the data panel at a folder with the four MNIST files, or download them (about 11 MB).&lt;/li&gt;&lt;li&gt;Choose optimizer, learning rate, loss, activation, batch size and epochs, then &lt;b&gt;Add to queue&lt;/b&gt;; &lt;b&gt;Start&lt;/b&gt; trains the queue one run after another (same seed: same start and same batches).&lt;/li&gt;&lt;li&gt;Every run is scored on the same test measure; hover over a plot for each run&apos;s values. Save runs to compare them in a later session.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;用不同的设置在手写数字上训练同一个小网络，并比较各次训练。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;让数据面板指向一个包含四个 MNIST 文件的文件夹，或者直接下载（约 11 MB）。&lt;/li&gt;&lt;li&gt;选择优化器、学习率、损失函数、激活函数、批量大小和训练轮数，然后点击&lt;b&gt;加入队列&lt;/b&gt;；&lt;b&gt;开始&lt;/b&gt;会依次训练队列中的每一项（相同的随机种子：相同的初始值和相同的批次）。&lt;/li&gt;&lt;li&gt;每次训练都用同一个测试指标评分；把鼠标悬停在图上可查看每次训练的数值。保存训练结果，以后可以再拿来比较。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Look at the pieces a network is made of.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Activations&lt;/b&gt;: each function and its derivative.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Losses&lt;/b&gt;: each loss and its gradient as the prediction moves.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Gradient check&lt;/b&gt;: backpropagation against finite differences, with planted bugs to find.&lt;/li&gt;&lt;li&gt;A model&apos;s loss surface can be sent to the Optimizer race.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;看看网络是由哪些部件组成的。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;激活函数&lt;/b&gt;：每个函数及其导数。&lt;/li&gt;&lt;li&gt;&lt;b&gt;损失函数&lt;/b&gt;：预测值变化时，每个损失及其梯度。&lt;/li&gt;&lt;li&gt;&lt;b&gt;梯度检验&lt;/b&gt;：把反向传播与有限差分对比，里面埋了一些错误等你找出来。&lt;/li&gt;&lt;li&gt;模型的损失曲面可以送到“优化器竞赛”里。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Watch one backpropagation, number by number.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Small network&lt;/b&gt;: Right steps through the forward and backward pass, Left steps back, Space plays; click a unit or a weight for its numbers (z, a, δ, ∂C/∂w).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Real network&lt;/b&gt;: draw a digit (or pick a test digit) and see the 784-512-256-10 network&apos;s activations, δ and saliency.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;一个数一个数地观看一次反向传播。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;小网络&lt;/b&gt;：右方向键逐步执行前向传播和反向传播，左方向键后退，空格键播放；点击神经元或权重查看它的数值（z、a、δ、∂C/∂w）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;真实网络&lt;/b&gt;：手写一个数字（或选一个测试集里的数字），查看 784-512-256-10 网络的激活值、δ 和显著图。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A small network learns 2-D points live (as in TensorFlow Playground).&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Pick a data set, noise, training share and seed; &lt;b&gt;Regenerate&lt;/b&gt; draws new points. Click the plane to add a point of the chosen class; right-click (or Shift+click) removes the nearest.&lt;/li&gt;&lt;li&gt;Tick input features, add or remove hidden layers and units with − and +, pick the activation, loss, optimizer, learning rate (it changes while training), batch size and L2.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Play&lt;/b&gt; trains, &lt;b&gt;Step&lt;/b&gt; trains one epoch, &lt;b&gt;Reset&lt;/b&gt; returns to the same initial weights, &lt;b&gt;New weights&lt;/b&gt; draws others.&lt;/li&gt;&lt;li&gt;Hover a unit of the diagram to see its output large; hover an edge for w and ∂C/∂w.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compare&lt;/b&gt;: 2 to 4 settings from the same weights on the same data, side by side, their loss curves overlaid.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;一个小网络实时学习二维平面上的点（就像 TensorFlow Playground）。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;选择数据集、噪声、训练集比例和随机种子；&lt;b&gt;重新生成&lt;/b&gt;会抽取一组新的点。点击平面可添加一个所选类别的点；右键（或 Shift+点击）删除最近的点。&lt;/li&gt;&lt;li&gt;勾选输入特征，用 − 和 + 增删隐藏层和神经元，选择激活函数、损失函数、优化器、学习率（训练中也能改）、批量大小和 L2 正则化。&lt;/li&gt;&lt;li&gt;&lt;b&gt;播放&lt;/b&gt;开始训练，&lt;b&gt;单步&lt;/b&gt;训练一轮，&lt;b&gt;重置&lt;/b&gt;回到同样的初始权重，&lt;b&gt;新权重&lt;/b&gt;重新随机抽取权重。&lt;/li&gt;&lt;li&gt;把鼠标悬停在网络图的神经元上可放大查看它的输出；悬停在连线上可查看 w 和 ∂C/∂w。&lt;/li&gt;&lt;li&gt;&lt;b&gt;比较&lt;/b&gt;：2 到 4 组设置从相同的权重出发、在相同的数据上并排训练，损失曲线叠在一起。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The loss of the real MNIST network around the weights the MNIST tab trained (Li et al. 2018; Goodfellow et al. 2015).&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Tick runs in the list (the MNIST tab&apos;s finished or stopped runs; &lt;b&gt;Load run…&lt;/b&gt; adds a saved one).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Line&lt;/b&gt;: loss and accuracy from the shared start θ₀ (α = 0) to each run&apos;s final weights (α = 1). &lt;b&gt;Random plane&lt;/b&gt;: around one run&apos;s final weights along two filter-normalised random directions. &lt;b&gt;Plane of two runs&lt;/b&gt;: through θ₀ and two runs&apos; finals, with every path. &lt;b&gt;PCA plane&lt;/b&gt;: one run&apos;s path in the plane where it varies most (not for comparing optimizers).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compute&lt;/b&gt; fills the grid coarse first; &lt;b&gt;Cancel&lt;/b&gt; stops within a row. Hover the map for the loss there; &lt;b&gt;3-D surface&lt;/b&gt; shows the same grid in 3-D.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;真实 MNIST 网络在 MNIST 标签页训练出的权重附近的损失（Li et al. 2018；Goodfellow et al. 2015）。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;在列表中勾选训练（MNIST 标签页中已完成或已停止的训练；&lt;b&gt;加载训练…&lt;/b&gt;可添加一个已保存的训练）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;直线&lt;/b&gt;：从共同的起点 θ₀（α = 0）到每次训练的最终权重（α = 1）之间的损失和准确率。&lt;b&gt;随机平面&lt;/b&gt;：在某次训练的最终权重附近，沿两个按滤波器归一化的随机方向展开。&lt;b&gt;两次训练的平面&lt;/b&gt;：经过 θ₀ 和两次训练的最终权重，并画出每条路径。&lt;b&gt;PCA 平面&lt;/b&gt;：某次训练的路径所在的、变化最大的平面（不适合用来比较优化器）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;计算&lt;/b&gt;先粗后细地填满网格；&lt;b&gt;取消&lt;/b&gt;会在当前一行内停止。把鼠标悬停在图上查看该处的损失；&lt;b&gt;三维曲面&lt;/b&gt;以三维方式显示同一个网格。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>{tab} tab</source>
        <translation>“{tab}”标签页</translation>
    </message>
    <message>
        <source>(a key of this tab)</source>
        <translation>（此标签页的按键）</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>What</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>A tab&apos;s keys work while that tab is shown, except while a text field or number field has the keyboard focus (there, keys type). Tabs not opened yet in this session add their keys once opened.</source>
        <translation>标签页的按键只在该标签页显示时有效；文本框或数字框获得键盘焦点时除外（此时按键用于输入）。本次运行中还没打开过的标签页，打开后才会列出它们的按键。</translation>
    </message>
    <message>
        <source>How to use each tab</source>
        <translation>各标签页使用说明</translation>
    </message>
    <message>
        <source>(not installed)</source>
        <translation>（未安装）</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>See how neural networks learn: optimizers racing on a surface, MNIST runs compared, and backpropagation number by number.</source>
        <translation>看神经网络如何学习：优化器在曲面上竞赛，多次 MNIST 训练相互比较，反向传播一个数一个数地展开。</translation>
    </message>
    <message>
        <source>About GradLab</source>
        <translation>关于 GradLab</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Optimizer race</source>
        <translation>优化器竞赛</translation>
    </message>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>探索器</translation>
    </message>
    <message>
        <source>Backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>游乐场</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>optimizer race</source>
        <translation>优化器竞赛</translation>
    </message>
    <message>
        <source>explorer</source>
        <translation>探索器</translation>
    </message>
    <message>
        <source>backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>playground</source>
        <translation>游乐场</translation>
    </message>
    <message>
        <source>loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>Press Space (or ▶ Run) to start the race; Right steps once, Left steps back, R resets.</source>
        <translation>按空格键（或 ▶ 运行）开始竞赛；右方向键前进一步，左方向键后退一步，R 键重置。</translation>
    </message>
    <message>
        <source>Add settings to the queue to compare runs (same seed: same start, same batches); Start trains them one after another.</source>
        <translation>把设置加入队列来比较多次训练（相同的随机种子：相同的初始值、相同的批次）；“开始”会依次训练它们。</translation>
    </message>
    <message>
        <source>Hover over a plot to read its values; a model&apos;s loss surface can be raced in the Optimizer race tab.</source>
        <translation>把鼠标悬停在图上即可读取数值；模型的损失曲面可以送到“优化器竞赛”标签页里比赛。</translation>
    </message>
    <message>
        <source>Small network: Right steps through the pass, Left steps back, Space plays, click a unit or a weight for its numbers. Real network: draw a digit or pick a test digit.</source>
        <translation>小网络：右方向键逐步前进，左方向键后退，空格键播放，点击神经元或权重查看它的数值。真实网络：手写一个数字，或选一个测试集里的数字。</translation>
    </message>
    <message>
        <source>Play trains the network live; click the plane to add a point, right-click removes one; hover a unit for its map. Compare races 2 to 4 settings.</source>
        <translation>“播放”实时训练网络；点击平面添加一个点，右键删除一个点；悬停在神经元上查看它的输出图。“比较”让 2 到 4 组设置同台竞赛。</translation>
    </message>
    <message>
        <source>Tick the MNIST tab&apos;s runs (or Load… a run file), pick the picture, Compute; hover the map to read the loss there.</source>
        <translation>勾选 MNIST 标签页中的训练（或“加载…”一个训练文件），选择图像，点击“计算”；悬停在图上读取该处的损失。</translation>
    </message>
    <message>
        <source>Loading {tab}…</source>
        <translation>正在加载 {tab}…</translation>
    </message>
    <message>
        <source>The remembered window size was not usable; the default is used.</source>
        <translation>记住的窗口大小不可用，已使用默认大小。</translation>
    </message>
    <message>
        <source>The {tab} tab is not available: {error}</source>
        <translation>“{tab}”标签页不可用：{error}</translation>
    </message>
    <message>
        <source>Scenario: {title}</source>
        <translation>场景：{title}</translation>
    </message>
    <message>
        <source>Surface: {title}. {hint}</source>
        <translation>曲面：{title}。{hint}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Finishing… stopping the work in the background.</source>
        <translation>正在结束…正在停止后台任务。</translation>
    </message>
</context>
<context>
    <name>Menu</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open scenario…</source>
        <translation>打开场景(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save scenario…</source>
        <translation>保存场景(&amp;S)…</translation>
    </message>
    <message>
        <source>Export race view as &amp;PNG…</source>
        <translation>将竞赛视图导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export race view as S&amp;VG…</source>
        <translation>将竞赛视图导出为 SVG(&amp;V)…</translation>
    </message>
    <message>
        <source>Export race trajectories as &amp;CSV…</source>
        <translation>将竞赛轨迹导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>S&amp;cenarios</source>
        <translation>场景(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>larger fonts and thicker lines for a projector</source>
        <translation>为投影仪放大字体、加粗线条</translation>
    </message>
    <message>
        <source>&amp;2-D view</source>
        <translation>二维视图(&amp;2)</translation>
    </message>
    <message>
        <source>&amp;3-D view</source>
        <translation>三维视图(&amp;3)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言 (Language)(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;How to use each tab</source>
        <translation>各标签页使用说明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About GradLab</source>
        <translation>关于 GradLab(&amp;A)</translation>
    </message>
</context>
<context>
    <name>Race3D</name>
    <message>
        <source>Qt&apos;s {platform} platform has no OpenGL</source>
        <translation>Qt 的 {platform} 平台不支持 OpenGL</translation>
    </message>
    <message>
        <source>PyOpenGL is not usable ({error})</source>
        <translation>PyOpenGL 不可用（{error}）</translation>
    </message>
    <message>
        <source>OpenGL failed to start ({error})</source>
        <translation>OpenGL 启动失败（{error}）</translation>
    </message>
    <message>
        <source>The 3-D view is unavailable: {problem}.
Everything else works; run GradLab on a desktop with OpenGL to see the surface in 3-D.</source>
        <translation>三维视图不可用：{problem}。
其他功能都能正常使用；在支持 OpenGL 的桌面上运行 GradLab，就能看到曲面的三维视图。</translation>
    </message>
</context>
<context>
    <name>RaceCard</name>
    <message>
        <source>show or hide this optimizer&apos;s path, arrows and curves</source>
        <translation>显示或隐藏这个优化器的路径、箭头和曲线</translation>
    </message>
    <message>
        <source>remove {label} from the race</source>
        <translation>把 {label} 移出竞赛</translation>
    </message>
    <message>
        <source>{key} (range {lo} … {hi}, log scale)</source>
        <translation>{key}（取值范围 {lo} … {hi}，对数刻度）</translation>
    </message>
    <message>
        <source>{key} (range {lo} … {hi})</source>
        <translation>{key}（取值范围 {lo} … {hi}）</translation>
    </message>
    <message>
        <source>diverged at step {step}</source>
        <translation>在第 {step} 步发散</translation>
    </message>
</context>
<context>
    <name>RaceCurves</name>
    <message>
        <source>distance to nearest minimum</source>
        <translation>到最近最小值点的距离</translation>
    </message>
    <message>
        <source>loss gap f − f_min (f_min: lowest f found)</source>
        <translation>损失差 f − f_min（f_min：找到的最低 f 值）</translation>
    </message>
    <message>
        <source>distance to minimum (none here)</source>
        <translation>到最小值点的距离（此曲面没有）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>log step axis</source>
        <translation>步数轴用对数刻度</translation>
    </message>
    <message>
        <source>show the step axis on a log scale (early steps spread out)</source>
        <translation>步数轴使用对数刻度（前面的步数会被拉开）</translation>
    </message>
</context>
<context>
    <name>RaceExport</name>
    <message>
        <source>{label} (diverged at step {step})</source>
        <translation>{label}（在第 {step} 步发散）</translation>
    </message>
    <message>
        <source>GradLab optimizer race</source>
        <translation>GradLab 优化器竞赛</translation>
    </message>
    <message>
        <source>GradLab optimizer race: {title}</source>
        <translation>GradLab 优化器竞赛：{title}</translation>
    </message>
</context>
<context>
    <name>RaceHyper</name>
    <message>
        <source>Drag right for a bigger value, left for a smaller one (from {lo} to {hi}). The slider works by multiplying: moving it a tenth of its length multiplies the value by about {factor}, so small values get as much room as large ones.</source>
        <translation>向右拖动数值变大，向左拖动数值变小（从 {lo} 到 {hi}）。这个滑块按乘法变化：每移动全长的十分之一，数值大约乘以 {factor}，所以小的数值和大的数值有同样多的调节空间。</translation>
    </message>
</context>
<context>
    <name>RaceLayout</name>
    <message>
        <source>Hover over the surface to read x, y and f(x, y); click or drag the ✛ to move the start.</source>
        <translation>把鼠标悬停在曲面上，可以读出 x、y 和 f(x, y)；点击曲面或拖动 ✛ 可以移动起点。</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>What to watch for</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <source>Surface (2-D)</source>
        <translation>曲面（二维）</translation>
    </message>
    <message>
        <source>3-D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Why momentum</source>
        <translation>动量原理</translation>
    </message>
    <message>
        <source>The dashed arrow points down the gradient (−∇f), scaled by the racer&apos;s learning rate η; the solid arrow is θ_{t+1} − θ_t. One factor per racer makes the longer arrow 60 px long.</source>
        <translation>虚线箭头指向梯度下降的方向（−∇f），按该参赛者的学习率 η 缩放；实线箭头是 θ_{t+1} − θ_t。每个参赛者用同一个缩放系数，使两支箭头中较长的一支长 60 px。</translation>
    </message>
</context>
<context>
    <name>RaceLesson</name>
    <message>
        <source>&lt;b&gt;What to watch for.&lt;/b&gt; {lesson}</source>
        <translation>&lt;b&gt;观察要点：&lt;/b&gt;{lesson}</translation>
    </message>
</context>
<context>
    <name>RaceMomentum</name>
    <message>
        <source>diverges</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>learning rate η (log)</source>
        <translation>学习率 η（对数）</translation>
    </message>
    <message>
        <source>momentum β</source>
        <translation>动量系数 β</translation>
    </message>
    <message>
        <source>rate ρ of momentum</source>
        <translation>动量法的收敛率 ρ</translation>
    </message>
    <message>
        <source>The Hessian H of f and its eigen-decomposition H vᵢ = λᵢ vᵢ. Shift+click the surface to read it at another point.</source>
        <translation>f 的海森矩阵 H 及其特征分解 H vᵢ = λᵢ vᵢ。按住 Shift 点击曲面，可以读取另一点处的海森矩阵。</translation>
    </message>
    <message>
        <source>the racer whose error, rate and hyperparameters the panel shows and sets</source>
        <translation>本面板显示并设置哪个参赛者的误差、收敛率和超参数</translation>
    </message>
    <message>
        <source>Optimal</source>
        <translation>最优</translation>
    </message>
    <message>
        <source>set the selected Momentum racer to the optimum η* = (2 / (√λ₁ + √λ₂))², β* = ((√κ − 1)/(√κ + 1))²</source>
        <translation>把选中的动量法参赛者设为最优值 η* = (2 / (√λ₁ + √λ₂))²，β* = ((√κ − 1)/(√κ + 1))²</translation>
    </message>
    <message>
        <source>along {v}</source>
        <translation>沿 {v}</translation>
    </message>
    <message>
        <source>dashed: the predicted |cᵢ(0)| ρᵢᵗ</source>
        <translation>虚线：预测值 |cᵢ(0)| ρᵢᵗ</translation>
    </message>
    <message>
        <source>error along each eigen-direction</source>
        <translation>沿各特征方向的误差</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>f has no finite Hessian at {point}: Shift+click a point where it is defined.</source>
        <translation>f 在 {point} 处没有有限的海森矩阵：请按住 Shift 点击一个有定义的点。</translation>
    </message>
    <message>
        <source>no Hessian here</source>
        <translation>此处没有海森矩阵</translation>
    </message>
    <message>
        <source>f is quadratic: one Hessian everywhere (exact)</source>
        <translation>f 是二次函数：处处是同一个海森矩阵（精确）</translation>
    </message>
    <message>
        <source>local quadratic model at {point} (Hessian exact)</source>
        <translation>{point} 处的局部二次模型（海森矩阵为精确值）</translation>
    </message>
    <message>
        <source>local quadratic model at {point} (Hessian by finite differences)</source>
        <translation>{point} 处的局部二次模型（海森矩阵由有限差分求得）</translation>
    </message>
    <message>
        <source>λ₁ ≤ 0, not a bowl here (a saddle, a ridge or a flat valley), so no η, β converges to this point.</source>
        <translation>λ₁ ≤ 0，这里不是碗形（而是鞍点、山脊或平坦的谷底），所以没有哪组 η、β 能收敛到这一点。</translation>
    </message>
    <message>
        <source>not convex here:
no (η, β) converges</source>
        <translation>此处非凸：
没有能收敛的 (η, β)</translation>
    </message>
    <message>
        <source>★ η* = {lr}, β* = {beta}: ρ = {rate} · stable: GD η &lt; 2/λ₂ = {gd} (dotted), momentum η &lt; 2(1 + β)/λ₂ (red edge) · dashed: critical damping</source>
        <translation>★ η* = {lr}，β* = {beta}：ρ = {rate} · 稳定条件：梯度下降 η &lt; 2/λ₂ = {gd}（点线），动量法 η &lt; 2(1 + β)/λ₂（红色边界） · 虚线：临界阻尼</translation>
    </message>
    <message>
        <source>The optimum η* = (2 / (√λ₁ + √λ₂))², β* = ((√κ − 1)/(√κ + 1))² (the star). Gradient descent (β = 0) diverges for η ≥ 2/λ_max = {gd} (dotted line); momentum for η ≥ 2(1 + β)/λ_max (the red edge of the grey region). Dashed: the critical damping β = (1 − √(ηλᵢ))², white for λ₁, amber for λ₂: above a curve that direction spirals in at √β, below it decays without oscillating. The SGD and Momentum racers&apos; learning-rate sliders carry a red mark at their own limit.</source>
        <translation>最优值 η* = (2 / (√λ₁ + √λ₂))²，β* = ((√κ − 1)/(√κ + 1))²（星号）。梯度下降（β = 0）在 η ≥ 2/λ_max = {gd} 时发散（点线）；动量法在 η ≥ 2(1 + β)/λ_max 时发散（灰色区域的红色边界）。虚线是临界阻尼 β = (1 − √(ηλᵢ))²，白色对应 λ₁，琥珀色对应 λ₂：在曲线上方，这个方向以 √β 的比率螺旋式收敛；在曲线下方，它不振荡地衰减。SGD 和动量法参赛者的学习率滑块上，在各自的上限处有一条红色标记。</translation>
    </message>
    <message>
        <source>2(1 + β)/λ_max with β = {beta}</source>
        <translation>2(1 + β)/λ_max，其中 β = {beta}</translation>
    </message>
    <message>
        <source>Red mark: η = {rule} = {limit}, beyond which this racer diverges here (λ_max = {lam}).</source>
        <translation>红色标记：η = {rule} = {limit}，超过它，这个参赛者在这里就会发散（λ_max = {lam}）。</translation>
    </message>
    <message>
        <source>predicted: — (heavy-ball theory covers SGD and Momentum without weight decay, on a bowl)</source>
        <translation>预测值：—（重球法理论只适用于碗形曲面上不带权重衰减的 SGD 和动量法）</translation>
    </message>
    <message>
        <source>predicted {rate}</source>
        <translation>预测值 {rate}</translation>
    </message>
    <message>
        <source>predicted {rate} by the local model at {point}</source>
        <translation>由 {point} 处的局部模型预测为 {rate}</translation>
    </message>
    <message>
        <source>No minimum known on this surface: no error to measure. {predicted}</source>
        <translation>这个曲面上没有已知的最小值点：无从测量误差。{predicted}</translation>
    </message>
    <message>
        <source>rate per step, measured over steps {first}–{last}: {rate} · {predicted}{gap}</source>
        <translation>每步收敛率，在第 {first}–{last} 步上实测：{rate} · {predicted}{gap}</translation>
    </message>
    <message>
        <source>rate per step: {predicted} · measured: run the race past step {step}</source>
        <translation>每步收敛率：{predicted} · 实测值：请让竞赛运行超过第 {step} 步</translation>
    </message>
</context>
<context>
    <name>RaceOptimizer</name>
    <message>
        <source>Plain gradient descent.

.. code-block:: text

    input: η (lr), θ₀ (params), f(θ) (objective), λ (weight_decay)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        θ_t ← θ_{t−1} − η g_t
    return θ_t</source>
        <translation>普通梯度下降。

    输入：η (lr), θ₀ (初始参数), f(θ) (目标函数), λ (weight_decay)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        θ_t ← θ_{t−1} − η g_t
    返回 θ_t</translation>
    </message>
    <message>
        <source>Heavy-ball momentum, exactly torch.optim.SGD(momentum=μ).

.. code-block:: text

    input: η (lr), μ (momentum), λ (weight_decay), θ₀ (params), f(θ) (objective)
    initialize: b₀ ← 0 (velocity)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        b_t ← μ b_{t−1} + g_t
        θ_t ← θ_{t−1} − η b_t
    return θ_t

Note: as in torch, the buffer holds a sum of gradients, not of steps, and its first
value is g₁ (Sutskever et al. and many texts start from a zero *step*; with b₀ = 0 the
two agree). The textbook form v_t = γ v_{t−1} + η g_t, θ_t = θ_{t−1} − v_t is the same
algorithm for a constant learning rate: v_t = η b_t. They differ once η changes (a
scheduler): the textbook velocity keeps the old η baked into its past steps, while
torch&apos;s b is rescaled by the new η at once.</source>
        <translation>重球动量法，与 torch.optim.SGD(momentum=μ) 完全一致。

    输入：η (lr), μ (momentum), λ (weight_decay), θ₀ (初始参数), f(θ) (目标函数)
    初始化：b₀ ← 0 (速度)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        b_t ← μ b_{t−1} + g_t
        θ_t ← θ_{t−1} − η b_t
    返回 θ_t

注意：与 torch 一样，这里的缓冲区累加的是梯度而不是步长，它的第一个值是 g₁（Sutskever 等人和许多教材从零“步长”开始；当 b₀ = 0 时两者一致）。教材中的写法 v_t = γ v_{t−1} + η g_t，θ_t = θ_{t−1} − v_t 在学习率不变时是同一个算法：v_t = η b_t。一旦 η 发生变化（使用学习率调度器），两者就不同了：教材中的速度把旧的 η 留在了过去的步子里，而 torch 的 b 会立刻按新的 η 缩放。</translation>
    </message>
    <message>
        <source>Nesterov momentum, exactly torch.optim.SGD(momentum=μ, nesterov=True).

.. code-block:: text

    input: η (lr), μ (momentum), λ (weight_decay), θ₀ (params), f(θ) (objective)
    initialize: b₀ ← 0 (velocity)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        b_t ← μ b_{t−1} + g_t
        θ_t ← θ_{t−1} − η (g_t + μ b_t)
    return θ_t

Note: Nesterov&apos;s original method evaluates the gradient at a look-ahead point
θ − ημb; this is the equivalent reformulation (Sutskever et al., 2013; Bengio et al.)
that needs the gradient at θ only, as in torch. The look-ahead shows up as the extra
μ b_t in the step.</source>
        <translation>Nesterov 动量法，与 torch.optim.SGD(momentum=μ, nesterov=True) 完全一致。

    输入：η (lr), μ (momentum), λ (weight_decay), θ₀ (初始参数), f(θ) (目标函数)
    初始化：b₀ ← 0 (速度)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        b_t ← μ b_{t−1} + g_t
        θ_t ← θ_{t−1} − η (g_t + μ b_t)
    返回 θ_t

注意：Nesterov 的原始方法在前瞻点 θ − ημb 处计算梯度；这里用的是与之等价的改写形式（Sutskever 等人，2013；Bengio 等人），与 torch 一样只需要 θ 处的梯度。前瞻体现在步长里多出来的 μ b_t 这一项。</translation>
    </message>
    <message>
        <source>RMSprop, exactly torch.optim.RMSprop (no momentum, not centered).

.. code-block:: text

    input: η (lr), α (alpha), ε (eps), λ (weight_decay), θ₀ (params), f(θ) (objective)
    initialize: v₀ ← 0
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        v_t ← α v_{t−1} + (1 − α) g_t²
        θ_t ← θ_{t−1} − η g_t / (√v_t + ε)
    return θ_t

Note: torch (and this code) put ε outside the square root; Hinton&apos;s lecture and many
texts write √(v_t + ε). With ``eps_in_sqrt=True`` the step is η g_t / √(v_t + ε),
the textbook form. The two differ only while v_t is of the order of ε.</source>
        <translation>RMSprop，与 torch.optim.RMSprop 完全一致（不带动量，不做中心化）。

    输入：η (lr), α (alpha), ε (eps), λ (weight_decay), θ₀ (初始参数), f(θ) (目标函数)
    初始化：v₀ ← 0
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        v_t ← α v_{t−1} + (1 − α) g_t²
        θ_t ← θ_{t−1} − η g_t / (√v_t + ε)
    返回 θ_t

注意：torch（以及这里的代码）把 ε 放在平方根外面；Hinton 的课程和许多教材写作 √(v_t + ε)。设置 ``eps_in_sqrt=True`` 时，步长为 η g_t / √(v_t + ε)，即教材中的形式。两者只在 v_t 与 ε 同一量级时才有差别。</translation>
    </message>
    <message>
        <source>Adagrad, exactly torch.optim.Adagrad.

.. code-block:: text

    input: η (lr), η_decay (lr_decay), ε (eps), λ (weight_decay),
           G₀ (initial_accumulator_value), θ₀ (params), f(θ) (objective)
    initialize: G ← G₀ (sum_sq)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        η̃ ← η / (1 + (t − 1) η_decay)
        G_t ← G_{t−1} + g_t²
        θ_t ← θ_{t−1} − η̃ g_t / (√G_t + ε)
    return θ_t

Note: Duchi et al. divide by √G_t (with ε only to avoid 0/0); as torch, ε is added
outside the root and defaults to 1e-10. The sum only grows, so steps only shrink.</source>
        <translation>Adagrad，与 torch.optim.Adagrad 完全一致。

    输入：η (lr), η_decay (lr_decay), ε (eps), λ (weight_decay),
           G₀ (initial_accumulator_value), θ₀ (初始参数), f(θ) (目标函数)
    初始化：G ← G₀ (梯度平方和)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        η̃ ← η / (1 + (t − 1) η_decay)
        G_t ← G_{t−1} + g_t²
        θ_t ← θ_{t−1} − η̃ g_t / (√G_t + ε)
    返回 θ_t

注意：Duchi 等人除以 √G_t（ε 只用来避免 0/0）；这里与 torch 一样，ε 加在根号外面，默认值为 1e-10。平方和只增不减，所以步长只会越来越小。</translation>
    </message>
    <message>
        <source>Adam, exactly torch.optim.Adam (amsgrad off).

.. code-block:: text

    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (params), f(θ) (objective)
    initialize: m₀ ← 0 (first moment), v₀ ← 0 (second moment)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        m̂_t ← m_t / (1 − β₁ᵗ)
        v̂_t ← v_t / (1 − β₂ᵗ)
        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)
    return θ_t

Note: this is Algorithm 1 of Kingma &amp; Ba, ε outside the root of the bias-corrected
v̂. The paper&apos;s &quot;efficient&quot; variant (and TensorFlow&apos;s Keras default) adds ε to √v
before bias correction instead, which differs while v is tiny. Weight decay here is
coupled L2 (added to g, so it is rescaled by v); see AdamW for the decoupled kind.</source>
        <translation>Adam，与 torch.optim.Adam 完全一致（不启用 amsgrad）。

    输入：η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (初始参数), f(θ) (目标函数)
    初始化：m₀ ← 0 (一阶矩), v₀ ← 0 (二阶矩)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        m̂_t ← m_t / (1 − β₁ᵗ)
        v̂_t ← v_t / (1 − β₂ᵗ)
        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)
    返回 θ_t

注意：这是 Kingma 和 Ba 论文中的算法 1，ε 放在偏差校正后的 v̂ 的根号外面。论文中的“高效”版本（以及 TensorFlow 中 Keras 的默认实现）则是在偏差校正之前把 ε 加到 √v 上，在 v 很小时两者会有差别。这里的权重衰减是耦合的 L2 正则（加到 g 上，因此会被 v 重新缩放）；解耦的权重衰减见 AdamW。</translation>
    </message>
    <message>
        <source>AdamW, exactly torch.optim.AdamW (amsgrad off).

.. code-block:: text

    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (params), f(θ) (objective)
    initialize: m₀ ← 0, v₀ ← 0
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1})
        θ_{t−1} ← θ_{t−1} − η λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)      (m̂, v̂ as in Adam)
    return θ_t

Note: Loshchilov &amp; Hutter scale the decay by a schedule multiplier only (θ ← θ − λθ);
torch, and this code, multiply it by η as well. The decay is *decoupled*: it never
enters m or v, so every weight shrinks at the same rate.</source>
        <translation>AdamW，与 torch.optim.AdamW 完全一致（不启用 amsgrad）。

    输入：η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (初始参数), f(θ) (目标函数)
    初始化：m₀ ← 0, v₀ ← 0
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1})
        θ_{t−1} ← θ_{t−1} − η λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)      (m̂、v̂ 同 Adam)
    返回 θ_t

注意：Loshchilov 和 Hutter 只用调度乘子来缩放衰减（θ ← θ − λθ）；torch 和这里的代码还会再乘以 η。这种衰减是“解耦”的：它从不进入 m 或 v，所以每个权重都按相同的比例缩小。</translation>
    </message>
    <message>
        <source>Adamax (Adam with the infinity norm), exactly torch.optim.Adamax.

.. code-block:: text

    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (params), f(θ) (objective)
    initialize: m₀ ← 0, u₀ ← 0
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        u_t ← max(β₂ u_{t−1}, |g_t| + ε)
        θ_t ← θ_{t−1} − η m_t / ((1 − β₁ᵗ) u_t)
    return θ_t

Note: Kingma &amp; Ba write max(β₂ u, |g|) and divide by u alone; torch adds ε inside
the max so u is never 0.</source>
        <translation>Adamax（使用无穷范数的 Adam），与 torch.optim.Adamax 完全一致。

    输入：η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (初始参数), f(θ) (目标函数)
    初始化：m₀ ← 0, u₀ ← 0
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        u_t ← max(β₂ u_{t−1}, |g_t| + ε)
        θ_t ← θ_{t−1} − η m_t / ((1 − β₁ᵗ) u_t)
    返回 θ_t

注意：Kingma 和 Ba 写作 max(β₂ u, |g|)，并且只除以 u；torch 在 max 里加上 ε，使 u 永远不为 0。</translation>
    </message>
    <message>
        <source>NAdam (Adam with Nesterov momentum), exactly torch.optim.NAdam.

.. code-block:: text

    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           ψ (momentum_decay), θ₀ (params), f(θ) (objective)
    initialize: m₀ ← 0, v₀ ← 0, Π₀ ← 1 (mu_product)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        μ_t ← β₁ (1 − ½ · 0.96^(t ψ)),  μ_{t+1} ← β₁ (1 − ½ · 0.96^((t+1) ψ))
        Π_t ← Π_{t−1} μ_t
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        v̂_t ← v_t / (1 − β₂ᵗ)
        θ_t ← θ_{t−1} − η (1 − μ_t) / (1 − Π_t) · g_t / (√v̂_t + ε)
                      − η μ_{t+1} / (1 − Π_t μ_{t+1}) · m_t / (√v̂_t + ε)
    return θ_t

Note: Dozat&apos;s momentum schedule μ_t, as torch implements it (ψ = 0.004).</source>
        <translation>NAdam（带 Nesterov 动量的 Adam），与 torch.optim.NAdam 完全一致。

    输入：η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           ψ (momentum_decay), θ₀ (初始参数), f(θ) (目标函数)
    初始化：m₀ ← 0, v₀ ← 0, Π₀ ← 1 (μ 连乘积)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        μ_t ← β₁ (1 − ½ · 0.96^(t ψ)),  μ_{t+1} ← β₁ (1 − ½ · 0.96^((t+1) ψ))
        Π_t ← Π_{t−1} μ_t
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        v̂_t ← v_t / (1 − β₂ᵗ)
        θ_t ← θ_{t−1} − η (1 − μ_t) / (1 − Π_t) · g_t / (√v̂_t + ε)
                      − η μ_{t+1} / (1 − Π_t μ_{t+1}) · m_t / (√v̂_t + ε)
    返回 θ_t

注意：动量调度 μ_t 采用 Dozat 的方案，与 torch 的实现相同（ψ = 0.004）。</translation>
    </message>
    <message>
        <source>update rule</source>
        <translation>更新规则</translation>
    </message>
</context>
<context>
    <name>RacePanel</name>
    <message>
        <source>Add optimizer</source>
        <translation>添加优化器</translation>
    </message>
    <message>
        <source>at most {n} racers</source>
        <translation>最多 {n} 个参赛者</translation>
    </message>
    <message>
        <source>add another racer (the same optimizer twice is fine)</source>
        <translation>再添加一个参赛者（同一种优化器添加两次也可以）</translation>
    </message>
</context>
<context>
    <name>RaceScenario</name>
    <message>
        <source>cannot read {path}: {why}</source>
        <translation>无法读取 {path}：{why}</translation>
    </message>
    <message>
        <source>{path} is {why}</source>
        <translation>{path}：{why}</translation>
    </message>
    <message>
        <source>{path} is not UTF-8 text</source>
        <translation>{path} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>nested {depth} deep, more than {most}</source>
        <translation>嵌套了 {depth} 层，超过了 {most} 层</translation>
    </message>
    <message>
        <source>not valid JSON (line {line}: {why})</source>
        <translation>不是有效的 JSON（第 {line} 行：{why}）</translation>
    </message>
    <message>
        <source>not valid JSON ({why})</source>
        <translation>不是有效的 JSON（{why}）</translation>
    </message>
    <message>
        <source>the top level must be a JSON object</source>
        <translation>最外层必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>missing (this file is not a GradLab scenario)</source>
        <translation>缺失（这个文件不是 GradLab 场景）</translation>
    </message>
    <message>
        <source>must be the whole number {version}, got {value}</source>
        <translation>必须是整数 {version}，实际为 {value}</translation>
    </message>
    <message>
        <source>unsupported version {value} (expected {version})</source>
        <translation>不支持的版本 {value}（应为 {version}）</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>未知字段</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>must be text, got {value}</source>
        <translation>必须是文本，实际为 {value}</translation>
    </message>
    <message>
        <source>too long ({n} characters, at most {most})</source>
        <translation>太长（{n} 个字符，最多 {most} 个）</translation>
    </message>
    <message>
        <source>must be a finite number, got {value}</source>
        <translation>必须是有限的数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be within ±{most}, got {value}</source>
        <translation>必须在 ±{most} 之内，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a list of {n} numbers, got {value}</source>
        <translation>必须是由 {n} 个数组成的列表，实际为 {value}</translation>
    </message>
    <message>
        <source>must be a whole number from {lo} to {hi}, got {value}</source>
        <translation>必须是 {lo} 到 {hi} 之间的整数，实际为 {value}</translation>
    </message>
    <message>
        <source>must be &gt; 0 steps per second or &quot;max&quot;, got {value}</source>
        <translation>必须是大于 0 的每秒步数或 &quot;max&quot;，实际为 {value}</translation>
    </message>
    <message>
        <source>must be {&quot;name&quot;: ...} or {&quot;formula&quot;: ..., &quot;bounds&quot;: [...]}</source>
        <translation>必须是 {&quot;name&quot;: ...} 或 {&quot;formula&quot;: ..., &quot;bounds&quot;: [...]}</translation>
    </message>
    <message>
        <source>needs &quot;name&quot; or &quot;formula&quot;</source>
        <translation>需要 &quot;name&quot; 或 &quot;formula&quot;</translation>
    </message>
    <message>
        <source>must be a non-empty list</source>
        <translation>必须是非空列表</translation>
    </message>
    <message>
        <source>{n} racers, at most {most}</source>
        <translation>{n} 个参赛者，最多 {most} 个</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是一个对象</translation>
    </message>
    <message>
        <source>unknown optimizer {value}; known: {names}</source>
        <translation>未知的优化器 {value}；已知的有：{names}</translation>
    </message>
    <message>
        <source>not a hyperparameter of {name}</source>
        <translation>不是 {name} 的超参数</translation>
    </message>
    <message>
        <source>must be like &quot;#ff8800&quot;, got {value}</source>
        <translation>必须形如 &quot;#ff8800&quot;，实际为 {value}</translation>
    </message>
    <message>
        <source>must be true or false, got {value}</source>
        <translation>必须是 true 或 false，实际为 {value}</translation>
    </message>
</context>
<context>
    <name>RaceSurface</name>
    <message>
        <source>Quadratic bowl</source>
        <translation>二次碗形函数</translation>
    </message>
    <message>
        <source>A round bowl (Hessian = I, λ = 1): the gradient points straight at the centre, so SGD and Momentum run straight in, while RMSprop and Adam scale each coordinate on its own and their paths bend; gradient descent is stable for η &lt; 2/λ = 2.</source>
        <translation>一个圆形的碗（海森矩阵 = I，λ = 1）：梯度直指中心，所以 SGD 和动量法径直冲向中心；而 RMSprop 和 Adam 对每个坐标分别缩放，路径会弯曲。梯度下降在 η &lt; 2/λ = 2 时稳定。</translation>
    </message>
    <message>
        <source>Ill-conditioned quadratic (ravine)</source>
        <translation>病态二次函数（峡谷）</translation>
    </message>
    <message>
        <source>A narrow ravine with Hessian eigenvalues λ = 1 and λₘₐₓ = 25 (condition number 25): SGD is stable only for η &lt; 2/λₘₐₓ = 0.08, and near that limit it zig-zags across the ravine while crawling along it. At the same η, Momentum reaches the minimum many times sooner than SGD.</source>
        <translation>一条狭窄的峡谷，海森矩阵的特征值是 λ = 1 和 λₘₐₓ = 25（条件数为 25）：SGD 只有在 η &lt; 2/λₘₐₓ = 0.08 时才稳定；接近这个上限时，它一边在峡谷两侧来回震荡，一边沿着峡谷慢慢爬。在相同的 η 下，动量法到达最小值点要比 SGD 快很多倍。</translation>
    </message>
    <message>
        <source>Rosenbrock&apos;s banana</source>
        <translation>Rosenbrock 香蕉函数</translation>
    </message>
    <message>
        <source>Finding the curved valley is easy; following its flat floor to (1, 1) is slow, and too large a learning rate bounces off its steep walls: SGD with η = 0.002 zig-zags across the floor, and with η = 0.003 it is thrown out within a few steps.</source>
        <translation>找到弯曲的山谷很容易；沿着平坦的谷底走到 (1, 1) 却很慢，而学习率太大又会在陡峭的谷壁间来回反弹：η = 0.002 的 SGD 在谷底两侧来回震荡，η = 0.003 时几步之内就被甩了出去。</translation>
    </message>
    <message>
        <source>Beale&apos;s function</source>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <source>Flat plateaus next to walls that climb steeply to the corners: watch which optimizers find the narrow valley to (3, 0.5) and which stall on the flat (SGD, with η = 0.001).</source>
        <translation>平坦的平台紧挨着陡峭地爬向四个角的墙壁：看看哪些优化器能找到通往 (3, 0.5) 的窄窄的山谷，哪些会在平地上停滞不前（η = 0.001 的 SGD）。</translation>
    </message>
    <message>
        <source>Himmelblau&apos;s function</source>
        <translation>Himmelblau 函数</translation>
    </message>
    <message>
        <source>Four equally good minima around a hill at (−0.27, −0.92): starting near its top, optimizers with different step rules roll into different minima.</source>
        <translation>四个同样好的最小值点围绕着 (−0.27, −0.92) 处的一座小山：从山顶附近出发，步进规则不同的优化器会滚进不同的最小值点。</translation>
    </message>
    <message>
        <source>Rastrigin&apos;s function</source>
        <translation>Rastrigin 函数</translation>
    </message>
    <message>
        <source>An egg-crate of local minima on a bowl: small steps get trapped in the nearest dimple (from (−3.3, 2.8), with η ≤ 0.05, every optimizer stops in the one at (−2.98, 2.98)); only larger steps or momentum can hop towards (0, 0), as the Rastrigin scenario shows.</source>
        <translation>碗面上布满局部最小值，像一个蛋托：小步长会被困在最近的小坑里（从 (−3.3, 2.8) 出发、η ≤ 0.05 时，每个优化器都停在 (−2.98, 2.98) 处的小坑里）；只有更大的步长或者动量才能朝 (0, 0) 跳过去，Rastrigin 场景演示了这一点。</translation>
    </message>
    <message>
        <source>Saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <source>No minimum (minima = []): the origin is a saddle. Started just off the x-axis, SGD slides towards the saddle, slowing as |∇f| shrinks, and stays near the x-axis, while RMSprop and Adam amplify the tiny y-gradient and escape downhill within a few dozen steps.</source>
        <translation>没有最小值点：原点是一个鞍点。从稍稍偏离 x 轴的地方出发，SGD 滑向鞍点，随着 |∇f| 变小而越来越慢，并一直待在 x 轴附近；而 RMSprop 和 Adam 会放大微小的 y 方向梯度，在几十步之内就逃下坡去。</translation>
    </message>
    <message>
        <source>Monkey saddle</source>
        <translation>猴鞍面</translation>
    </message>
    <message>
        <source>No minimum (minima = []): a saddle with three valleys and a Hessian of zero at the origin, so the gradient vanishes quadratically (|∇f| = 3r² at distance r): SGD slows to a crawl as it nears the origin before it slides off down a valley, long after Momentum, RMSprop and Adam have left.</source>
        <translation>没有最小值点：这是一个有三条山谷的鞍面，原点处的海森矩阵为零，所以梯度按二次方消失（在距离 r 处 |∇f| = 3r²）：SGD 接近原点时慢得像在爬，之后才沿某一条山谷滑下去，而动量法、RMSprop 和 Adam 早就离开了。</translation>
    </message>
    <message>
        <source>Styblinski–Tang function</source>
        <translation>Styblinski–Tang 函数</translation>
    </message>
    <message>
        <source>Four basins of different depths: from the corner, plain descent settles in the shallowest basin at (2.75, 2.75); the deepest is at (−2.90, −2.90).</source>
        <translation>四个深浅不同的盆地：从角落出发，普通的梯度下降会停在最浅的盆地 (2.75, 2.75)；最深的盆地在 (−2.90, −2.90)。</translation>
    </message>
    <message>
        <source>Goldstein–Price function</source>
        <translation>Goldstein–Price 函数</translation>
    </message>
    <message>
        <source>Values span six orders of magnitude (3 to ~10⁶) with local minima on the way. The start (1.5, 1.5) is on a steep wall: even η = 0.001 makes SGD and Momentum explode within two steps, while Adam, whose steps are about η whatever the slope, comes down the wall and stops in the local minimum near (1.2, 0.8) (f = 840, against 3 at (0, −1)).</source>
        <translation>函数值跨越六个数量级（从 3 到约 10⁶），途中还有局部最小值。起点 (1.5, 1.5) 在一面陡峭的墙上：即使 η = 0.001，SGD 和动量法也会在两步之内爆炸；而 Adam 的步长不管坡度如何都约为 η，它沿着墙壁走下来，停在 (1.2, 0.8) 附近的局部最小值（f = 840，而 (0, −1) 处只有 3）。</translation>
    </message>
    <message>
        <source>Booth&apos;s function</source>
        <translation>Booth 函数</translation>
    </message>
    <message>
        <source>A tilted quadratic (Hessian eigenvalues 18 and 2): from (−6, 4) the gradient points 45° away from the minimum, so SGD first drops into the valley along the steep direction, then turns and curves in along the gentle one; it is stable for η &lt; 2/18 ≈ 0.11.</source>
        <translation>一个倾斜的二次函数（海森矩阵特征值为 18 和 2）：从 (−6, 4) 出发，梯度方向与指向最小值点的方向相差 45°，所以 SGD 先沿陡峭的方向落进山谷，再转个弯，沿平缓的方向弯进去；它在 η &lt; 2/18 ≈ 0.11 时稳定。</translation>
    </message>
    <message>
        <source>Six-hump camel function</source>
        <translation>六峰驼背函数</translation>
    </message>
    <message>
        <source>Two global minima near (±0.09, ∓0.71) among four local ones: from the start (−1.5, −1), careful descent settles in the local minimum at (−1.61, −0.57).</source>
        <translation>两个全局最小值在 (±0.09, ∓0.71) 附近，另外还有四个局部最小值：从起点 (−1.5, −1) 出发，小心翼翼的下降会停在 (−1.61, −0.57) 处的局部最小值。</translation>
    </message>
    <message>
        <source>Plateau and cliff</source>
        <translation>平台与悬崖</translation>
    </message>
    <message>
        <source>On the plateau |∇f| is a few 10⁻³, so SGD barely moves while Adam steps about η per iteration whatever the slope, and RMSprop several η (its average of g² starts from zero and lags behind the growing slope); a learning rate large enough for SGD to cross the plateau flings it off the cliff (slope ≈ 2.6) round the well.</source>
        <translation>在平台上 |∇f| 只有几个 10⁻³，所以 SGD 几乎不动；而 Adam 不管坡度如何，每次迭代都走大约 η，RMSprop 则走好几个 η（它对 g² 的平均从零开始，跟不上越来越陡的坡）；学习率大到能让 SGD 越过平台时，它也会在凹坑边的悬崖（坡度 ≈ 2.6）处被甩飞出去。</translation>
    </message>
    <message>
        <source>MSE on sigmoid</source>
        <translation>Sigmoid 输出的均方误差</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Focal loss</source>
        <translation>焦点损失 (Focal Loss)</translation>
    </message>
    <message>
        <source>Not convex, with plateaus: σ′(s) = p(1 − p) vanishes wherever the model is confidently right or confidently wrong, and so does the gradient. From the start (−4, 3), the weight&apos;s sign wrong, SGD and Momentum barely move, while RMSprop and Adam, which divide by the gradient&apos;s size, reach the minimum.</source>
        <translation>非凸，而且有平台：只要模型“很有把握地对了”或“很有把握地错了”，σ′(s) = p(1 − p) 就趋于零，梯度也跟着消失。从起点 (−4, 3)（权重的符号是错的）出发，SGD 和动量法几乎不动；而 RMSprop 和 Adam 会除以梯度的大小，所以能到达最小值点。</translation>
    </message>
    <message>
        <source>Convex: one valley, and the gradient (p − t) x stays large exactly where the model is confidently wrong: from the same start as on MSE, |∇L| is over 100 times larger and SGD gets moving.</source>
        <translation>凸函数：只有一个山谷，而且恰恰在模型很有把握地犯错的地方，梯度 (p − t) x 仍然很大：从与均方误差相同的起点出发，|∇L| 要大 100 多倍，SGD 就动起来了。</translation>
    </message>
    <message>
        <source>Cross-entropy with each point scaled by (1 − qᵢ)ᵞ: points the model already gets right stop pulling, so the minimum sits at a smaller weight (w ≈ 0.45, against 1.12 for cross-entropy): a less confident model.</source>
        <translation>在交叉熵的基础上，每个点再乘以 (1 − qᵢ)ᵞ：模型已经判断对了的点不再用力拉，所以最小值点落在更小的权重处（w ≈ 0.45，交叉熵则是 1.12）：得到一个没那么自信的模型。</translation>
    </message>
    <message>
        <source>Logistic regression, {loss}</source>
        <translation>逻辑回归，{loss}</translation>
    </message>
    <message>
        <source>x is the weight w, y the bias b. Data (x, t): {data}. {lesson}</source>
        <translation>x 是权重 w，y 是偏置 b。数据 (x, t)：{data}。{lesson}</translation>
    </message>
    <message>
        <source>Exact gradient (too long to show)</source>
        <translation>精确梯度（太长，不显示）</translation>
    </message>
    <message>
        <source>Exact gradient: {gradient}</source>
        <translation>精确梯度：{gradient}</translation>
    </message>
    <message>
        <source>Your formula. {gradient}; the minimum marked is estimated from a {n}×{n} grid.</source>
        <translation>自定义公式。{gradient}；标出的最小值点是在 {n}×{n} 的网格上估计出来的。</translation>
    </message>
</context>
<context>
    <name>RaceSurfacePicker</name>
    <message>
        <source>Your formula…</source>
        <translation>自定义公式…</translation>
    </message>
    <message>
        <source>f(x, y) = e.g. x**2 + 3*sin(y)</source>
        <translation>f(x, y) = 例如 x**2 + 3*sin(y)</translation>
    </message>
    <message>
        <source>a formula in x and y: + − * / **, sin, cos, exp, log, sqrt, abs, tanh, …; press Enter to use it</source>
        <translation>关于 x 和 y 的公式：可以用 + − * / **、sin、cos、exp、log、sqrt、abs、tanh 等；按回车键使用</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>race on this formula (Enter)</source>
        <translation>在这个公式上竞赛（回车键）</translation>
    </message>
    <message>
        <source>type a formula in x and y first</source>
        <translation>请先输入一个关于 x 和 y 的公式</translation>
    </message>
</context>
<context>
    <name>RaceTab</name>
    <message>
        <source>Run / pause the race</source>
        <translation>运行/暂停竞赛</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Reset to step 0</source>
        <translation>重置到第 0 步</translation>
    </message>
</context>
<context>
    <name>RaceTable</name>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>loss f(θ)</source>
        <translation>损失 f(θ)</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>velocity</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>sum_sq</source>
        <translation>梯度平方和</translation>
    </message>
    <message>
        <source>mu_product</source>
        <translation>μ 连乘积</translation>
    </message>
    <message>
        <source>diverged ({step})</source>
        <translation>已发散（{step}）</translation>
    </message>
    <message>
        <source>diverged at step {step}</source>
        <translation>在第 {step} 步发散</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>state of step {step}:   {state}</source>
        <translation>第 {step} 步的状态：   {state}</translation>
    </message>
    <message>
        <source>g² overflowed at step {step}   {state}</source>
        <translation>g² 在第 {step} 步溢出   {state}</translation>
    </message>
</context>
<context>
    <name>RaceTransport</name>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>{speed} steps/s</source>
        <translation>{speed} 步/秒</translation>
    </message>
    <message>
        <source>step {step} of {total}</source>
        <translation>第 {step} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>step {step} of {last} recorded (max {total})</source>
        <translation>第 {step} 步，已记录 {last} 步（最多 {total} 步）</translation>
    </message>
    <message>
        <source>run or pause the race (Space)</source>
        <translation>运行或暂停竞赛（空格键）</translation>
    </message>
    <message>
        <source>◀ Step back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>one step back through the recorded history (Left)</source>
        <translation>在记录的历史中后退一步（左方向键）</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>前进 ▶</translation>
    </message>
    <message>
        <source>one step forward (Right)</source>
        <translation>前进一步（右方向键）</translation>
    </message>
    <message>
        <source>⟲ Reset</source>
        <translation>⟲ 重置</translation>
    </message>
    <message>
        <source>back to step 0 with the current settings (R)</source>
        <translation>用当前设置回到第 0 步（R 键）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>steps per second; max runs as fast as the computer can</source>
        <translation>每秒的步数；“最快”表示以计算机能达到的最快速度运行</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>最大步数</translation>
    </message>
    <message>
        <source>scrub through the recorded history: the surface and the curves highlight the chosen step</source>
        <translation>在记录的历史中来回拖动：曲面和曲线会突出显示选中的那一步</translation>
    </message>
    <message>
        <source>the step shown, of the steps recorded so far; then the race&apos;s maximum number of steps</source>
        <translation>当前显示的步数、目前已记录的步数，以及本次竞赛的最大步数</translation>
    </message>
    <message>
        <source>❚❚  Pause</source>
        <translation>❚❚  暂停</translation>
    </message>
    <message>
        <source>▶  Run</source>
        <translation>▶  运行</translation>
    </message>
</context>
<context>
    <name>RaceView</name>
    <message>
        <source>At each head — dashed arrow: −η∇f, the step plain gradient descent would take; solid arrow: the optimizer&apos;s actual step. All arrows share one scale (stated under the surface): a longer arrow is a bigger step; under {px} px, none is drawn.</source>
        <translation>每个参赛者的头部有两支箭头——虚线箭头：−η∇f，即普通梯度下降会走的一步；实线箭头：这个优化器实际走的一步。所有箭头用同一个比例（标在曲面下方）：箭头越长，步子越大；短于 {px} px 的箭头不画。</translation>
    </message>
    <message>
        <source>hatched: f undefined</source>
        <translation>阴影区：f 无定义</translation>
    </message>
    <message>
        <source>arrow scale: no step taken yet</source>
        <translation>箭头比例：还没有走出一步</translation>
    </message>
    <message>
        <source>arrow scale: {px} px = a step of {step}</source>
        <translation>箭头比例：{px} px = 步长 {step}</translation>
    </message>
    <message>
        <source>the start: drag it, or click anywhere on the surface</source>
        <translation>起点：拖动它，或点击曲面上的任意位置</translation>
    </message>
    <message>
        <source>undefined here</source>
        <translation>此处无定义</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>Rosenbrock&apos;s banana valley</source>
        <translation>Rosenbrock 的香蕉形山谷</translation>
    </message>
    <message>
        <source>Everyone finds the curved valley within a few steps; following its nearly flat floor to the star at (1, 1) is the hard part. Watch SGD crawl along the floor (its gradient there is about a hundredth of the gradient at the start), Momentum build up speed and overshoot the bends, Adam take steps of at most about η however steep the slope, and RMSprop rattle from wall to wall across the floor. Compare the loss curves on the log scale: they end orders of magnitude apart.</source>
        <translation>几步之内，大家都能找到那条弯弯的山谷；难的是沿着几乎平坦的谷底，一路走到 (1, 1) 处的星号。注意看：SGD 在谷底慢慢爬（那里的梯度只有起点处的百分之一左右）；动量法越跑越快，在拐弯处冲过了头；Adam 不管坡有多陡，每步最多只走大约 η；RMSprop 则在谷底两侧的谷壁之间来回撞。再对比一下对数坐标下的损失曲线：最后它们相差好几个数量级。</translation>
    </message>
    <message>
        <source>Ravine: momentum vs SGD</source>
        <translation>峡谷：动量法对比 SGD</translation>
    </message>
    <message>
        <source>A long narrow ravine (curvatures 1 and 25). SGD needs a small η to stay stable across the ravine: at η = 0.07 it zig-zags from wall to wall before it crawls along the floor, and at η = 0.02 it crawls all the way. Momentum averages the zig-zag away (the steep components cancel, the gentle ones add up) and reaches the star in about half the steps of SGD at η = 0.07; Nesterov, which looks ahead before it steps, in about a quarter: watch its update arrow turn to point along the ravine after its first step.</source>
        <translation>一条又长又窄的峡谷（两个方向的曲率分别是 1 和 25）。SGD 要在峡谷的横向上保持稳定，η 就得小：η = 0.07 时，它先在两侧谷壁之间来回震荡，然后才沿着谷底慢慢爬；η = 0.02 时，它从头到尾都在慢慢爬。动量法把这种来回震荡平均掉了（陡峭方向上的分量相互抵消，平缓方向上的分量不断累加），到达星号所用的步数大约只有 η = 0.07 的 SGD 的一半；Nesterov 会先往前看一步再走，只要大约四分之一。注意看：它走完第一步之后，更新箭头就转过来，顺着峡谷的走向了。</translation>
    </message>
    <message>
        <source>Saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <source>f = x² − y² has no minimum; the origin is a saddle where ∇f = 0. Starting almost on the x-axis, SGD slides to the saddle and lingers there for about twenty steps: the y-gradient is tiny, so its steps are tiny, until y has grown enough to carry it off downhill. RMSprop and Adam divide by the gradient&apos;s size, so the tiny y-gradient still produces a full step and they escape downhill far sooner. Watch the gradient arrows shrink near the centre: along SGD&apos;s path |∇f| falls from 3 to about 0.3.</source>
        <translation>f = x² − y² 没有最小值；原点是一个鞍点，那里 ∇f = 0。从几乎贴着 x 轴的地方出发，SGD 滑到鞍点附近，在那里徘徊了大约二十步：y 方向的梯度很小，所以它的步子也很小，直到 y 长得足够大，才把它带下坡去。RMSprop 和 Adam 会除以梯度的大小，所以哪怕 y 方向的梯度很小，也照样迈出完整的一步，它们逃下坡要快得多。注意看中心附近的梯度箭头是怎样缩短的：沿着 SGD 的路径，|∇f| 从 3 降到了 0.3 左右。</translation>
    </message>
    <message>
        <source>Rastrigin: a field of local minima</source>
        <translation>Rastrigin：遍地都是局部最小值</translation>
    </message>
    <message>
        <source>An egg-crate of dimples on top of a bowl; the only global minimum is the star at (0, 0). Small steps fall into the nearest dimple and stop: the gradient there is zero, so the optimizer believes it is done. Momentum carries enough speed to roll over several ridges before it settles in a dimple about half as high, and Adam&apos;s large steps (η = 1) jump ridges too. Nobody is guaranteed the global minimum: gradient descent is local.</source>
        <translation>碗面上铺着一层蛋托似的小坑；唯一的全局最小值是 (0, 0) 处的星号。小步长会掉进最近的小坑然后停下：那里的梯度为零，优化器就以为自己已经到了。动量法带着足够的速度，能翻过好几道山脊，最后停在一个高度只有大约一半的小坑里；Adam 的步子很大（η = 1），也能跳过山脊。但谁都不能保证找到全局最小值：梯度下降只看得到局部。</translation>
    </message>
    <message>
        <source>Beale&apos;s function</source>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <source>Flat plateaus beside walls that climb steeply to the corners (note the log colour scale). Watch which optimizers find the narrow valley to the star at (3, 0.5): SGD is slowed on the flat, while RMSprop and Adam rescale each coordinate and keep moving.</source>
        <translation>平坦的平台旁边，是陡峭地爬向四个角的墙壁（注意颜色用的是对数刻度）。看看哪些优化器能找到通往 (3, 0.5) 处星号的那条窄窄的山谷：SGD 在平地上被拖慢了，而 RMSprop 和 Adam 会对每个坐标分别重新缩放，所以一直在往前走。</translation>
    </message>
    <message>
        <source>Learning-rate limit 2/λₘₐₓ</source>
        <translation>学习率上限 2/λₘₐₓ</translation>
    </message>
    <message>
        <source>f = ½(x² + 25y²) has Hessian eigenvalues λ = 1 and λₘₐₓ = 25. Gradient descent multiplies the y-error by (1 − 25η) each step: stable only while |1 − 25η| &lt; 1, i.e. η &lt; 2/λₘₐₓ = 0.08. At η = 0.075 SGD zig-zags but converges; at η = 0.085 every zig-zag is larger than the last and it diverges. Small η is safe but slow along x.</source>
        <translation>f = ½(x² + 25y²) 的海森矩阵特征值是 λ = 1 和 λₘₐₓ = 25。梯度下降每走一步，就把 y 方向的误差乘以 (1 − 25η)：只有 |1 − 25η| &lt; 1，也就是 η &lt; 2/λₘₐₓ = 0.08 时，它才稳定。η = 0.075 时，SGD 来回震荡，但最终收敛；η = 0.085 时，每次震荡都比上一次大，最后发散。η 小固然安全，可沿 x 方向走得很慢。</translation>
    </message>
    <message>
        <source>Plateau and cliff</source>
        <translation>平台与悬崖</translation>
    </message>
    <message>
        <source>On the plateau the gradient is a few 10⁻³. SGD with η = 0.5 creeps across it for hundreds of steps, then the cliff flings it back out: the well&apos;s curvature is 2/0.25² = 32, so SGD is stable there only for η &lt; 2/32. With η = 10 it races across and is flung far away within 30 steps. Adam steps about η whatever the slope and walks down into the well; RMSprop too, but its first steps are about 10η (its average of g² starts from zero; Adam corrects for that).</source>
        <translation>在平台上，梯度只有几个 10⁻³。η = 0.5 的 SGD 要花几百步才慢慢爬过平台，接着就被悬崖甩了出去：凹坑的曲率是 2/0.25² = 32，所以 SGD 在那里只有 η &lt; 2/32 时才稳定。η = 10 时，它飞快地冲过平台，不到 30 步就被远远甩了出去。Adam 不管坡度如何，每步大约走 η，稳稳地走进了凹坑；RMSprop 也能进去，但它最初几步大约是 10η（它对 g² 的平均是从零开始算的；Adam 对此做了校正）。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>could not be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Remembered settings ({file}) {what}; the defaults are used instead.</source>
        <translation>记住的设置（{file}）{what}，已改用默认值。</translation>
    </message>
    <message>
        <source>had an unusable {key}</source>
        <translation>中的 {key} 不可用</translation>
    </message>
    <message>
        <source>The remembered race set-up was not used ({reason}); the default scenario is shown.</source>
        <translation>未使用记住的竞赛设置（{reason}），显示的是默认场景。</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Adamax</source>
        <translation>Adamax</translation>
    </message>
    <message>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>均方误差 (MSE)</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Weighted cross-entropy</source>
        <translation>加权交叉熵</translation>
    </message>
    <message>
        <source>Focal loss</source>
        <translation>焦点损失 (Focal Loss)</translation>
    </message>
    <message>
        <source>MSE on softmax</source>
        <translation>Softmax 输出的均方误差</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>GELU</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>Softplus</source>
        <translation>Softplus</translation>
    </message>
    <message>
        <source>Swish (SiLU)</source>
        <translation>Swish (SiLU)</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量系数</translation>
    </message>
    <message>
        <source>smoothing constant</source>
        <translation>平滑常数</translation>
    </message>
    <message>
        <source>first-moment decay</source>
        <translation>一阶矩衰减率</translation>
    </message>
    <message>
        <source>second-moment decay</source>
        <translation>二阶矩衰减率</translation>
    </message>
    <message>
        <source>epsilon</source>
        <translation>数值稳定常数</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>learning-rate decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <source>initial accumulator</source>
        <translation>累加器初值</translation>
    </message>
    <message>
        <source>momentum decay</source>
        <translation>动量衰减</translation>
    </message>
    <message>
        <source>ε inside the square root</source>
        <translation>ε 放在平方根内</translation>
    </message>
</context>
</TS>
